package org.lethe.nn;

import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Rng;

/** Inverted dropout while training, the identity in evaluation mode (see {@link Functional#dropout}). */
public final class Dropout extends Layer {
    private final double p;
    private Rng rng;

    /** Drops with probability {@code p} in [0, 1), drawing masks from {@code rng}. */
    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1): " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.dropout(x, p, isTraining(), rng);
    }

    @Override
    protected void reseedSelf(long seed) {
        rng = new Rng(seed);
    }

    public double probability() {
        return p;
    }
}
