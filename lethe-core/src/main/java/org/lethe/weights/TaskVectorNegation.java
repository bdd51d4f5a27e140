package org.lethe.weights;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.lethe.nn.Layer;
import org.lethe.tensor.Algebra;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethodProvider;
import org.lethe.unlearn.ForgetProblem;
import org.lethe.unlearn.MethodParameter;

/**
 * Deletion by task-vector negation: the forget set's key is a task vector measured from the model's own base
 * initialisation {@code theta_0} (rebuilt from the run's architecture and seed, so the key and the model share
 * their base), trained on the forget set alone through the one training loop; the model becomes
 * {@code theta - lambda tau}, with {@code lambda} the strongest edit that keeps the control accuracy on validation
 * at least {@code keep} times the original's ({@link EditStrength}). The control is the validation examples of the
 * classes that stay (a class forget set) or all validation examples (a subject forget set). Experiment 2 of
 * {@code lethe bench algebra} shows what to expect: the outputs forget, the representation does not (suppression).
 *
 * <p>The method lives above {@code unlearn} in the layer table, so it registers through {@link Provider}, listed in
 * {@code META-INF/services/org.lethe.unlearn.DeletionMethodProvider}.
 */
public final class TaskVectorNegation {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("task-vector")
            .approximate(TaskVectorNegation::apply)
            .parameter(MethodParameter.real("lambda", 0.0,
                    "strength of the subtraction (0: chosen on validation by the task-arithmetic rule)"))
            .parameter(MethodParameter.real("keep", 0.95,
                    "fraction of the original's control accuracy the chosen strength must keep"))
            .parameter(MethodParameter.integer("key_epochs", 0,
                    "epochs of the key's training on the forget set (0: the model's own epochs)"))
            .summary("approximate: subtracts the task vector of the forget set, trained from the model's own "
                    + "initialisation (suppression at the output, not erasure; see docs/algebra.md)")
            .build();

    /** Registers {@link #METHOD} with the deletion registry. */
    public static final class Provider implements DeletionMethodProvider {
        @Override
        public List<DeletionMethod> methods() {
            return List.of(METHOD);
        }
    }

    private TaskVectorNegation() {
    }

    private static void apply(ForgetProblem p) {
        Algebra algebra = p.algebra();
        ModelSpec spec = p.spec();
        TrainConfig keyConfig = p.config().copy();
        WeightSet base = WeightSet.of(spec.build(algebra, keyConfig.seed));
        int keyEpochs = p.settings().integer("key_epochs");
        keyConfig.steps = 0;
        keyConfig.scheduleSteps = 0;
        keyConfig.epochs = keyEpochs > 0 ? keyEpochs : Math.max(1, keyConfig.epochs);
        keyConfig.seed = p.seed();
        Layer key = KeyTraining.train(spec, base, p.train(), p.forget(), keyConfig);
        TaskVector tau = TaskVector.between("forget set", base, WeightSet.of(key));
        WeightSet original = WeightSet.of(p.model());

        int[] control = controlExamples(p);
        double lambda = p.settings().real("lambda");
        if (lambda < 0 || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        if (lambda == 0) {
            double originalAccuracy = p.accuracy(p.original(), p.heldOutTask(), control);
            EditStrength chosen = EditStrength.choose(EditStrength.defaultGrid(), originalAccuracy,
                    p.settings().real("keep"), (x, floor) -> {
                        tau.applyTo(original, -x).applyTo(p.model());
                        return p.accuracy(p.model(), p.heldOutTask(), control, floor);
                    });
            lambda = chosen.lambda();
            p.note("control_accuracy", chosen.controlAccuracy());
            p.note("control_floor", chosen.controlFloor());
            p.note("meets_rule", chosen.meetsRule());
        }
        tau.applyTo(original, -lambda).applyTo(p.model());
        p.note("lambda", lambda);
        p.note("key_epochs", keyConfig.epochs);
        p.note("key_norm", tau.delta().norm());
    }

    // Validation examples of the classes that stay, or all of them when the forget set removes no whole class.
    private static int[] controlExamples(ForgetProblem p) {
        boolean[] inRetain = new boolean[p.classCount()];
        for (int i : p.retain()) {
            inRetain[p.train().label(i)] = true;
        }
        boolean[] forgotten = new boolean[p.classCount()];
        for (int i : p.forget()) {
            forgotten[p.train().label(i)] = !inRetain[p.train().label(i)];
        }
        int[] validation = p.validation();
        int[] kept = Arrays.stream(validation).filter(i -> !forgotten[p.heldOut().label(i)]).toArray();
        return kept.length > 0 ? kept : IntStream.of(validation).toArray();
    }
}
