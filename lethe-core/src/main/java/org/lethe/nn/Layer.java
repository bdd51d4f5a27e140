package org.lethe.nn;

import org.lethe.autograd.Tensor;

/** A module that maps one tensor to another. */
public abstract class Layer extends Module {
    /** Applies the layer. */
    public abstract Tensor forward(Tensor input);
}
