package org.lethe.nn;

import org.lethe.autograd.Normalization;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;

/** RMS normalisation over the last axis, with an optional learned gain (parameter {@code weight}, initially 1). */
public final class RmsNorm extends Layer {
    private final int dim;
    private final double eps;
    private final Tensor gain;

    public RmsNorm(Algebra algebra, int dim, double eps, boolean withGain) {
        if (dim <= 0 || !(eps >= 0)) {
            throw new IllegalArgumentException("RmsNorm needs dim > 0 and eps >= 0, got " + dim + " and " + eps);
        }
        this.dim = dim;
        this.eps = eps;
        this.gain = withGain ? addParameter("weight", NDArray.full(algebra, 1.0, dim)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim(-1) != dim) {
            throw new IllegalArgumentException("RmsNorm(" + dim + ") got input of shape " + java.util.Arrays.toString(x.shape()));
        }
        return Normalization.rmsNorm(x, gain, eps);
    }

    /** The gain, or null without one. */
    public Tensor gain() {
        return gain;
    }

    public double eps() {
        return eps;
    }
}
