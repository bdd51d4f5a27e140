package org.lethe.nn;

import org.lethe.autograd.Normalization;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;

/**
 * Layer normalisation over the last axis (biased variance, as PyTorch) with an optional learned gain
 * (parameter {@code weight}, initially 1) and bias (parameter {@code bias}, initially 0).
 */
public final class LayerNorm extends Layer {
    private final int dim;
    private final double eps;
    private final Tensor gain;
    private final Tensor bias;

    public LayerNorm(Algebra algebra, int dim, double eps, boolean withGain, boolean withBias) {
        if (dim <= 0 || !(eps >= 0)) {
            throw new IllegalArgumentException("LayerNorm needs dim > 0 and eps >= 0, got " + dim + " and " + eps);
        }
        this.dim = dim;
        this.eps = eps;
        this.gain = withGain ? addParameter("weight", NDArray.full(algebra, 1.0, dim)) : null;
        this.bias = withBias ? addParameter("bias", NDArray.zeros(algebra, dim)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim(-1) != dim) {
            throw new IllegalArgumentException("LayerNorm(" + dim + ") got input of shape " + java.util.Arrays.toString(x.shape()));
        }
        return Normalization.layerNorm(x, gain, bias, eps);
    }

    /** The gain, or null without one. */
    public Tensor gain() {
        return gain;
    }

    /** The bias, or null without one. */
    public Tensor bias() {
        return bias;
    }

    public double eps() {
        return eps;
    }
}
