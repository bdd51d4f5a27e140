package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.nn.ParameterHash;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;

/**
 * A small trained classifier on the bundled digits and forget problems over it, for the approximate methods'
 * tests: an MLP trained for a few epochs in double precision, a forget set of a handful of training examples.
 * Models are trained once per architecture and copied for each problem.
 */
final class UnlearningFixture {
    static final int[] FORGET = {3, 11, 42, 97, 150};
    private static final Map<String, Trained> TRAINED = new HashMap<>();

    private record Trained(ModelSpec spec, TrainConfig config, Dataset train, Dataset heldOut, Module weights) {
    }

    private UnlearningFixture() {
    }

    /** A problem over a copy of the trained MLP with these widths, for {@code method} with {@code given} settings. */
    static ForgetProblem problem(DeletionMethod method, Map<String, ?> given, int... widths) {
        Trained t = trained(widths.length == 0 ? new int[] {784, 16, 10} : widths);
        Module copy = t.spec.build(ModelSpec.algebra(t.config.algebra), 0);
        copy.loadFrom(t.weights);
        MethodSettings settings = method.settings(given);
        return ForgetProblem.of((Layer) copy, t.spec, t.config, t.train, FORGET, t.heldOut,
                settings.integer(DeletionMethod.SEED), settings);
    }

    /** Runs {@code method} on a fresh problem and returns the problem with its edited model. */
    static ForgetProblem run(DeletionMethod method, Map<String, ?> given, int... widths) {
        ForgetProblem p = problem(method, given, widths);
        method.approximateDeletion().orElseThrow().apply(p);
        return p;
    }

    /**
     * Checks what every stochastic method owes: the same seed gives the same weights bit for bit, another seed
     * other weights, the model did change, and validation accuracy stays at least {@code keep} of the original's.
     */
    static ForgetProblem assertSeededAndHarmless(DeletionMethod method, Map<String, Object> given, double keep,
                                                 int... widths) {
        Map<String, Object> one = new HashMap<>(given);
        one.put("seed", 1);
        Map<String, Object> two = new HashMap<>(given);
        two.put("seed", 2);
        ForgetProblem a = run(method, one, widths);
        ForgetProblem b = run(method, one, widths);
        ForgetProblem c = run(method, two, widths);
        String before = ParameterHash.of(a.original());
        assertThat(ParameterHash.of(a.model())).as("the model changed").isNotEqualTo(before);
        assertThat(ParameterHash.of(b.model())).as("same seed, same weights").isEqualTo(ParameterHash.of(a.model()));
        assertThat(ParameterHash.of(c.model())).as("another seed, other weights").isNotEqualTo(ParameterHash.of(a.model()));
        double original = a.accuracy(a.original(), a.heldOutTask(), a.validation());
        double after = a.accuracy(a.model(), a.heldOutTask(), a.validation());
        assertThat(after).as("validation accuracy after " + method.name()).isGreaterThanOrEqualTo(keep * original);
        return a;
    }

    private static synchronized Trained trained(int[] widths) {
        return TRAINED.computeIfAbsent(java.util.Arrays.toString(widths), k -> {
            try {
                PreparedData data = PreparedData.prepare("digits", 0.9, 5, 10, null);
                ModelSpec spec = ModelSpec.mlp(widths);
                TrainConfig c = new TrainConfig();
                c.algebra = "f64";
                c.batchSize = 25;
                c.epochs = 4;
                c.learningRate = 0.1;
                Module m = spec.build(ModelSpec.algebra("f64"), 7);
                ForgetProblem trainer = ForgetProblem.of((Layer) m, spec, c, data.trainDataset(), FORGET,
                        data.testDataset(), 7, FineTuneUnlearning.METHOD.defaults());
                // Training on every example, the forget set included, is fine-tuning on a pool of all of them.
                int[] all = new int[data.trainDataset().size()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                org.lethe.train.TrainingStep step = trainer.stepper();
                ForgetProblem.Batches batches = trainer.batches(all, c.batchSize, 0);
                for (int i = 0; i < trainer.originalSteps(); i++) {
                    int[] batch = batches.next();
                    trainer.step(step, c.learningRate,
                            () -> UnlearningLosses.crossEntropy(trainer.model(), trainer.trainTask(), batch));
                }
                return new Trained(spec, c, data.trainDataset(), data.testDataset(), m);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
