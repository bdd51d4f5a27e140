package org.lethe.unlearn;

import org.lethe.train.TrainingStep;

/**
 * Fine-tuning on the retained data (the baseline of the NeurIPS 2023 Machine Unlearning Challenge's starting kit:
 * a few epochs of the original optimiser on the retain set, with no look at the forget set). The forget set is
 * forgotten only as far as further training on other data overwrites it; it is the yardstick the other methods
 * must beat. The kit fine-tuned for 5 epochs of a 30-epoch run; the default fraction of the original training's
 * steps keeps that ratio.
 */
public final class FineTuneUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("finetune")
            .approximate(FineTuneUnlearning::apply)
            .parameter(StepSettings.stepsFraction(5.0 / 30.0, "optimiser steps on retained data"))
            .parameter(StepSettings.learningRate(1))
            .summary("approximate: fine-tunes on the retained data only (the 2023 challenge kit's baseline)")
            .build();

    private FineTuneUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int steps = StepSettings.steps(p);
        fineTune(p, steps, StepSettings.rate(p, 1));
        p.note("fine_tune_steps", steps);
    }

    /**
     * {@code steps} optimiser steps of plain cross-entropy on retained batches, at {@code learningRate}: the repair
     * phase many methods end with.
     */
    public static void fineTune(ForgetProblem p, int steps, double learningRate) {
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        for (int i = 0; i < steps; i++) {
            int[] batch = retain.next();
            p.step(stepper, learningRate, () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch));
        }
    }

    /** {@code given} when positive, otherwise the learning rate the model was trained with. */
    public static double learningRate(ForgetProblem p, double given) {
        return learningRate(p, given, 1.0);
    }

    /**
     * {@code given} when positive, otherwise {@code factor} times the learning rate the model was trained with:
     * methods whose source fine-tuned at a fraction of the training rate keep that ratio on any model.
     */
    public static double learningRate(ForgetProblem p, double given, double factor) {
        if (given < 0 || Double.isNaN(given) || Double.isInfinite(given)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + given);
        }
        return given > 0 ? given : factor * p.config().learningRate;
    }
}
