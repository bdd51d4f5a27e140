package org.lethe.sketch;

import org.lethe.nn.Module;
import org.lethe.tensor.Algebra;

/**
 * A training procedure whose examples' losses can be reweighted: example {@code i}'s loss is multiplied by
 * {@code 1 - x_i}, so {@code x = 0} is the real run and {@code x = 1_D} deletes the examples of D (their steps still
 * happen, with zero loss). Running it in a series algebra with {@code x_i = psi_i z} carries the trained model's
 * Taylor coefficients in the direction {@code psi}, which is what a {@link DeletionSketch} stores.
 *
 * <p>Implementations must be deterministic (the same weights give the same model bit for bit) and safe to run from
 * several threads at once.
 */
public interface WeightedTraining {

    /** The number of training examples n: the dimension of the deletion vector x. */
    int exampleCount();

    /** A model with the initial weights, in {@code algebra}: the shape trained parameters are loaded into. */
    Module newModel(Algebra algebra);

    /** Trains from the start with loss weights {@code weights}; {@code listener} (may be null) sees each step. */
    Module train(Algebra algebra, LossWeights weights, StepListener listener);

    /** Progress of a training run. */
    @FunctionalInterface
    interface StepListener {
        /** Called after step {@code done} of {@code total}. */
        void stepDone(int done, int total);
    }
}
