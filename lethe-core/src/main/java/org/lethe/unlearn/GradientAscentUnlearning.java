package org.lethe.unlearn;

import org.lethe.train.TrainingStep;

/**
 * Gradient ascent on the forget set: optimiser steps that raise the cross-entropy of the forget examples' own
 * labels, with no look at the retained data (the "NegGrad" baseline of Thudi et al. 2022 and Kurmanji et al. 2023).
 * Nothing holds the rest of the model in place, so the length and rate must stay small: ascent is unbounded and
 * soon destroys the model. The defaults (2% of the original training's steps at half its rate) sit just short of
 * the cliff on the memorising digits benchmark: twice as many steps, or the full rate, cost a tenth of the test
 * accuracy. The ascent also stops early, before a step whose forget batch's loss already passes the original's
 * loss on held-out data ({@link AscentCeiling}): past that point it only over-forgets, and on a CNN it went on to
 * NaN.
 */
public final class GradientAscentUnlearning {
    /** The default rate as a multiple of the model's own. */
    private static final double RATE_FACTOR = 0.5;

    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("gradient_ascent")
            .approximate(GradientAscentUnlearning::apply)
            .parameter(StepSettings.stepsFraction(0.02, "ascent steps on forget batches"))
            .parameter(StepSettings.learningRate(RATE_FACTOR))
            .summary("approximate: gradient ascent on the forget set's loss")
            .build();

    private GradientAscentUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int steps = StepSettings.steps(p);
        double rate = StepSettings.rate(p, RATE_FACTOR);
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches forget = ForgetBatches.of(p, 1);
        double ceiling = AscentCeiling.of(p);
        int taken = 0;
        while (taken < steps) {
            int[] batch = forget.next();
            if (AscentCeiling.reached(p, batch, ceiling)) {
                break;
            }
            p.step(stepper, rate, () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch).neg());
            taken++;
        }
        p.note("ascent_steps", taken);
        p.note("stopped_at_ceiling", taken < steps);
    }
}
