package org.lethe.nn;

import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/**
 * {@code y = x W^T + b} over the last axis of {@code x}. The weight is stored {@code [out, in]} as in PyTorch and
 * initialised uniformly in {@code +-1/sqrt(in)} (PyTorch's default), the bias likewise.
 */
public final class Linear extends HookedLayer {
    private final Tensor weight;
    private final Tensor bias;
    private final int in;
    private final int out;

    public Linear(Algebra algebra, Rng rng, int in, int out, boolean withBias) {
        this(algebra, rng, in, out, withBias, "weight", "bias");
    }

    /** A linear layer whose parameters have custom local names (for model files with their own layout). */
    public Linear(Algebra algebra, Rng rng, int in, int out, boolean withBias, String weightName, String biasName) {
        this.in = in;
        this.out = out;
        double bound = 1.0 / Math.sqrt(in);
        this.weight = addParameter(weightName, Init.uniform(algebra, rng, bound, out, in));
        this.bias = withBias ? addParameter(biasName, Init.uniform(algebra, rng, bound, out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim(-1) != in) {
            throw new IllegalArgumentException("Linear(" + in + "->" + out + ") got input of shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        Tensor y = x.matmul(weight, false, true);
        if (bias != null) {
            y = y.add(bias);
        }
        return observed(x, y);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer without one. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** Replaces the weight values (for loaders that fix the initial weights themselves). */
    public void setWeight(NDArray w) {
        weight.value().assign(w);
    }
}
