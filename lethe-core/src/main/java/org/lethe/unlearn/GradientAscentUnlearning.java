package org.lethe.unlearn;

import org.lethe.train.TrainingStep;

/**
 * Gradient ascent on the forget set: optimiser steps that raise the cross-entropy of the forget examples' own
 * labels, with no look at the retained data (the "NegGrad" baseline of Thudi et al. 2022 and Kurmanji et al. 2023).
 * Nothing holds the rest of the model in place, so the length and rate must stay small: ascent is unbounded and
 * soon destroys the model. The defaults (2% of the original training's steps at half its rate) sit just short of
 * the cliff on the memorising digits benchmark: twice as many steps, or the full rate, cost a tenth of the test
 * accuracy.
 */
public final class GradientAscentUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("gradient_ascent")
            .approximate(GradientAscentUnlearning::apply)
            .parameter(MethodParameter.real("steps_fraction", 0.02,
                    "ascent steps on forget batches, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("learning_rate", 0.0,
                    "learning rate of the ascent (0: half the rate the model was trained with)"))
            .summary("approximate: gradient ascent on the forget set's loss")
            .build();

    private GradientAscentUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int steps = p.stepsFor(p.settings().real("steps_fraction"));
        double rate = FineTuneUnlearning.learningRate(p, p.settings().real("learning_rate"), 0.5);
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches forget = ForgetBatches.of(p, 1);
        for (int i = 0; i < steps; i++) {
            int[] batch = forget.next();
            p.step(stepper, rate, () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch).neg());
        }
        p.note("ascent_steps", steps);
    }
}
