package org.lethe.sketch;

import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;

/**
 * A real-valued function of a trained model (a loss on a test input, a logit, a probability), evaluated in the
 * model's algebra so that a series-valued model gives the measurement's Taylor coefficients. It must be an analytic
 * function of the parameters near the trained model for a sketch's prediction to converge.
 */
public interface Measurement {

    /** A short description for reports, such as {@code loss(max)}. */
    String name();

    /** The measurement of {@code model} as a single-element array in the model's algebra. */
    NDArray evaluate(Module model);
}
