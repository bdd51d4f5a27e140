package org.lethe.unlearn;

import org.lethe.tensor.Rng;
import org.lethe.train.GradientMask;
import org.lethe.train.TrainingStep;

/**
 * Random labels (Golatkar et al. 2020's baseline, the "RL" of Fan et al. 2024): fine-tunes on the training set in
 * which every forget example's label is replaced by another class drawn at random each time the example comes up,
 * so the model unlearns the forget examples' true labels while the retained data holds the rest in place.
 */
public final class RandomLabelUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("random_labels")
            .approximate(RandomLabelUnlearning::apply)
            .parameter(StepSettings.stepsFraction(0.1, "optimiser steps"))
            .parameter(StepSettings.learningRate(1))
            .summary("approximate: fine-tunes on retained data and on the forget set relabelled at random")
            .build();

    private RandomLabelUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int steps = StepSettings.steps(p);
        relabelAndFineTune(p, steps, StepSettings.rate(p, 1), null);
        p.note("steps", steps);
    }

    /**
     * {@code steps} steps on batches of the whole training set in which forget examples carry a random wrong label,
     * drawn afresh each time they come up, at {@code learningRate}; gradients multiplied by {@code mask} when given
     * (SalUn). As in the sources, the relabelled forget set is mixed into the retained data rather than given a
     * batch of its own, so its weight in each step is its share of the data.
     */
    public static void relabelAndFineTune(ForgetProblem p, int steps, double learningRate, GradientMask mask) {
        TrainingStep stepper = p.stepper().mask(mask);
        int[] all = new int[p.train().size()];
        boolean[] forgotten = new boolean[all.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int i : p.forget()) {
            forgotten[i] = true;
        }
        ForgetProblem.Batches batches = p.batches(all, p.config().batchSize, 0);
        Rng rng = p.rng(0x7AB5L);
        for (int i = 0; i < steps; i++) {
            int[] batch = batches.next();
            int[] labels = p.trainTask().data().labels(batch);
            for (int j = 0; j < batch.length; j++) {
                if (forgotten[batch[j]]) {
                    labels[j] = wrongLabel(labels[j], p.classCount(), rng);
                }
            }
            p.step(stepper, learningRate, () -> UnlearningLosses.crossEntropy(
                    UnlearningLosses.logits(p.model(), p.trainTask(), batch), labels));
        }
    }

    /** Another class than {@code label}, drawn uniformly from the other {@code classes - 1}. */
    static int wrongLabel(int label, int classes, Rng rng) {
        int other = rng.nextInt(classes - 1);
        return other >= label ? other + 1 : other;
    }
}
