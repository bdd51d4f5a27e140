package org.lethe.unlearn;

import org.lethe.autograd.Tensor;
import org.lethe.train.TrainingStep;

/**
 * NegGrad+ (Kurmanji et al. 2023, "Towards unbounded machine unlearning"): each step fine-tunes on a retained
 * batch while ascending on a forget batch, minimising {@code retain loss - alpha x forget loss}. The retain term
 * anchors the model, so the ascent can run longer than plain gradient ascent before the model degrades. It is
 * still a cliff: on the memorising digits benchmark the defaults (alpha 0.9, 5% of the training's steps at a fifth
 * of its rate) bring the forget set's accuracy to that of retrained models, while alpha 0.7 at the full rate
 * destroys the model.
 */
public final class NegGradPlusUnlearning {
    /** The default rate as a multiple of the model's own. */
    private static final double RATE_FACTOR = 0.2;

    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("neggrad_plus")
            .approximate(NegGradPlusUnlearning::apply)
            .parameter(StepSettings.stepsFraction(0.05, "optimiser steps"))
            .parameter(StepSettings.learningRate(RATE_FACTOR))
            .parameter(MethodParameter.real("alpha", 0.9,
                    "weight of the forget set's loss, subtracted from the retained batch's"))
            .summary("approximate: retain loss minus alpha times forget loss (NegGrad+)")
            .build();

    private NegGradPlusUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int steps = StepSettings.steps(p);
        double rate = StepSettings.rate(p, RATE_FACTOR);
        double alpha = p.settings().real("alpha");
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        ForgetProblem.Batches forget = ForgetBatches.of(p, 1);
        for (int i = 0; i < steps; i++) {
            int[] r = retain.next();
            int[] f = forget.next();
            p.step(stepper, rate, () -> {
                Tensor keep = UnlearningLosses.crossEntropy(p.model(), p.trainTask(), r);
                return keep.sub(UnlearningLosses.crossEntropy(p.model(), p.trainTask(), f).mul(alpha));
            });
        }
        p.note("steps", steps);
    }
}
