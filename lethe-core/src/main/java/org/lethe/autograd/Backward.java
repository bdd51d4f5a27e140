package org.lethe.autograd;

import org.lethe.tensor.NDArray;

/**
 * The gradient rule of one recorded operation: given the gradient of the loss with respect to the operation's
 * output, returns the gradients with respect to its inputs (in input order). An entry may be {@code null} when
 * {@code needs[i]} is false, and must then not be computed.
 */
@FunctionalInterface
public interface Backward {
    NDArray[] apply(NDArray gradOutput, boolean[] needs);
}
