package org.lethe.nn;

import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Rng;

/**
 * The position-wise MLP of a transformer block: {@code fc2(activation(fc1(x)))} over the last axis, with the
 * projections named {@code mlp_fc1} ({@code [hidden, D]}) and {@code mlp_fc2} ({@code [D, hidden]}), biases
 * {@code mlp_fc1_bias} and {@code mlp_fc2_bias} when enabled.
 */
public final class FeedForward extends Layer {
    private final Linear fc1;
    private final Linear fc2;
    private final Activation activation;

    public FeedForward(Algebra algebra, Rng rng, int dim, int hidden, Activation activation, boolean withBias) {
        if (dim <= 0 || hidden <= 0) {
            throw new IllegalArgumentException("MLP needs positive widths, got " + dim + " and " + hidden);
        }
        this.activation = activation;
        this.fc1 = addInlineChild("fc1", new Linear(algebra, rng, dim, hidden, withBias, "mlp_fc1", "mlp_fc1_bias"));
        this.fc2 = addInlineChild("fc2", new Linear(algebra, rng, hidden, dim, withBias, "mlp_fc2", "mlp_fc2_bias"));
    }

    @Override
    public Tensor forward(Tensor x) {
        return fc2.forward(activation.apply(fc1.forward(x)));
    }

    public Linear fc1() {
        return fc1;
    }

    public Linear fc2() {
        return fc2;
    }
}
