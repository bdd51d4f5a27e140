package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.List;
import org.lethe.nn.Module;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.tensor.NDArray;
import org.lethe.train.TrainingStep;

/**
 * KDE, "reset layers, distil, fine-tune" (6th place of the NeurIPS 2023 Machine Unlearning Challenge, as DeepUnlearn,
 * arXiv 2410.01276, re-implemented it): the first and the last layer are reset to a fresh initialisation, which
 * wipes what they held of the forget set; the model is then pulled back towards the original by distillation at a
 * high temperature on validation examples (data it never trained on, so nothing of the forget set comes back through
 * the teacher), and finally fine-tuned on retained data with cross-entropy plus the same distillation towards the
 * original, at a cosine-annealed rate.
 *
 * <p>The winner reset a ResNet-18's first convolution and its head; between them stayed sixteen convolutions, so
 * the reset first layer was one of seventeen feature layers. In a model of a few layers the first layer is a large
 * share of the features: on the subjects benchmark's CNN (two convolutions, two linear layers) resetting it as well
 * left 0.42 of the retrained models' test accuracy, resetting the head alone 0.97 (N = 4). The first layer is
 * therefore reset only in models of at least {@code first_layer_min_depth} weight layers (10 by default, never
 * fewer than 3: a two-layer model reset at both ends would be retrained from scratch in a few steps). The winner's
 * distillation loss was the temperature-softened KL divergence without the usual t&#178; factor, and its retain loss
 * added it twice (once as a soft cross-entropy, which differs from it by a constant). Here the distillation keeps
 * the t&#178; factor ({@link UnlearningLosses#distillation}), 25 times the winner's gradient at t = 5: with the
 * winner's scale the reset head of an MLP stayed under-trained (test-accuracy ratio 0.85 on the memorising
 * benchmark, below the 0.9 no default may go under); with it, 0.97. Lengths: 3 epochs of distillation and 3 of
 * fine-tuning, each read as 3 epochs of a 30-epoch run ({@code 3/30} of the original's
 * steps); rates 9e-4 and 1e-3 over the original's 0.1.
 */
public final class ResetDistil {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("kde")
            .approximate(ResetDistil::apply)
            .parameter(MethodParameter.real("distil_fraction", 3.0 / 30.0,
                    "distillation steps on validation data, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("distil_rate", 0.009,
                    "distillation rate, as a fraction of the model's training rate"))
            .parameter(MethodParameter.real("steps_fraction", 3.0 / 30.0,
                    "fine-tuning steps on retained data, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("rate", 0.01,
                    "initial fine-tuning rate (cosine-annealed), as a fraction of the model's training rate"))
            .parameter(MethodParameter.real("temperature", 5.0, "distillation temperature"))
            .parameter(MethodParameter.integer("first_layer_min_depth", 10,
                    "also reset the first layer in models of at least this many weight layers (3 or more)"))
            .summary("approximate: resets the last layer (and the first in deep models), distils from the original on validation data, "
                    + "then fine-tunes with cross-entropy plus distillation (6th of the 2023 challenge)")
            .build();

    private ResetDistil() {
    }

    private static void apply(ForgetProblem p) {
        MethodSettings s = p.settings();
        double t = s.real("temperature");
        if (!(t > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + t);
        }
        Module model = (Module) p.model();
        Module fresh = (Module) p.freshModel(0);
        List<String> layers = LayerEdits.layerNames(model);
        List<String> reset = new ArrayList<>();
        int minDepth = s.integer("first_layer_min_depth");
        if (minDepth < 3) {
            throw new IllegalArgumentException("first_layer_min_depth must be at least 3 (a two-layer model reset at "
                    + "both ends is retrained from scratch), got " + minDepth);
        }
        if (layers.size() >= minDepth) {
            reset.add(layers.get(0));
        }
        reset.add(layers.get(layers.size() - 1));
        for (String layer : reset) {
            LayerEdits.reset(model, fresh, layer);
        }
        double base = p.config().learningRate;
        int batchSize = p.config().batchSize;

        int distilSteps = p.stepsFor(s.real("distil_fraction"));
        TrainingStep distil = p.stepper();
        ForgetProblem.Batches validation = p.batches(p.validation(), batchSize, 1);
        for (int i = 0; i < distilSteps; i++) {
            int[] batch = validation.next();
            p.step(distil, base * s.real("distil_rate"), () -> {
                NDArray teacher = UnlearningLosses.teacherLogits(p.original(), p.heldOutTask(), batch);
                return UnlearningLosses.distillation(UnlearningLosses.logits(p.model(), p.heldOutTask(), batch),
                        teacher, t);
            });
        }

        int steps = p.stepsFor(s.real("steps_fraction"));
        LearningRateSchedule rate = LearningRateSchedule.cosine(base * s.real("rate"), 0, steps);
        TrainingStep fineTune = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), batchSize, 0);
        for (int i = 0; i < steps; i++) {
            int[] batch = retain.next();
            p.step(fineTune, rate.rate(i), () -> {
                NDArray teacher = UnlearningLosses.teacherLogits(p.original(), p.trainTask(), batch);
                var logits = UnlearningLosses.logits(p.model(), p.trainTask(), batch);
                return UnlearningLosses.crossEntropy(logits, p.train().labels(batch))
                        .add(UnlearningLosses.distillation(logits, teacher, t).mul(2.0));
            });
        }
        p.note("reset_layers", String.join(",", reset));
        p.note("distil_steps", distilSteps);
        p.note("fine_tune_steps", steps);
    }
}
