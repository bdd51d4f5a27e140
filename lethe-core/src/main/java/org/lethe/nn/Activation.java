package org.lethe.nn;

import org.lethe.autograd.Tensor;

/** Element-wise nonlinearities selectable by name in model configurations. */
public enum Activation {
    RELU, GELU, TANH;

    public Tensor apply(Tensor x) {
        switch (this) {
            case RELU: return x.relu();
            case GELU: return x.gelu();
            case TANH: return x.tanh();
            default: throw new IllegalStateException(name());
        }
    }
}
