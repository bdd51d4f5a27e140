package org.lethe.nn;

import org.lethe.tensor.NDArray;

/**
 * Observes a parametrised layer's input activations and the gradient of the loss with respect to its output,
 * the two factors that per-example gradients and Kronecker-factored curvature are built from. Hooks see the
 * arrays; they must not modify them.
 */
public interface LayerHook {
    /** Called during the forward pass with the layer's input. */
    default void onForward(Layer layer, NDArray input) {
    }

    /** Called during the backward pass with the layer's input and the gradient at its output. */
    void onBackward(Layer layer, NDArray input, NDArray gradOutput);
}
