package org.lethe.nn;

import java.util.ArrayList;
import java.util.List;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Rng;

/**
 * A multi-layer perceptron: inputs are flattened to {@code [batch, features]}, then
 * {@code Linear -> activation (-> dropout)} for each hidden width, then a final {@code Linear} to the outputs.
 * Layers are named {@code fc0}, {@code fc1}, ...
 */
public final class Mlp extends Layer {
    private final List<Linear> layers = new ArrayList<>();
    private final Activation activation;
    private final double dropout;
    private Rng dropoutRng;

    /**
     * @param widths  input width, hidden widths..., output width (at least two entries)
     * @param dropout drop probability after each hidden activation (0 for none)
     */
    public Mlp(Algebra algebra, Rng rng, int[] widths, Activation activation, double dropout) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least input and output widths");
        }
        this.activation = activation;
        this.dropout = dropout;
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(addChild("fc" + i, new Linear(algebra, rng, widths[i], widths[i + 1], true)));
        }
        this.dropoutRng = new Rng(rng.nextLong());
    }

    public Mlp(Algebra algebra, Rng rng, int... widths) {
        this(algebra, rng, widths, Activation.RELU, 0.0);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x.rank() == 2 ? x : x.reshape(x.dim(0), -1);
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            if (i + 1 < layers.size()) {
                h = activation.apply(h);
                h = Functional.dropout(h, dropout, isTraining(), dropoutRng);
            }
        }
        return h;
    }

    @Override
    protected void reseedSelf(long seed) {
        dropoutRng = new Rng(seed);
    }

    /** The linear layers in order. */
    public List<Linear> layers() {
        return List.copyOf(layers);
    }
}
