package org.lethe.nn;

import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Rng;

/** A lookup table of {@code [vocab, dim]} vectors, one row per token id, initialised from a normal distribution. */
public final class Embedding extends Module {
    private final Tensor weight;

    /** A table with entries drawn from N(0, 1), parameter named {@code weight}. */
    public Embedding(Algebra algebra, Rng rng, int vocab, int dim) {
        this(algebra, rng, vocab, dim, 1.0, "weight");
    }

    /** A table with entries drawn from N(0, std^2) and a custom parameter name (for model file layouts). */
    public Embedding(Algebra algebra, Rng rng, int vocab, int dim, double std, String weightName) {
        if (vocab <= 0 || dim <= 0) {
            throw new IllegalArgumentException("embedding needs positive sizes, got vocab " + vocab + " and dim " + dim);
        }
        this.weight = addParameter(weightName, Init.normal(algebra, rng, std, vocab, dim));
    }

    /** The rows for {@code ids}, shaped {@code [...idsShape, dim]}; {@code idsShape} defaults to {@code [ids.length]}. */
    public Tensor forward(int[] ids, int... idsShape) {
        return Functional.embedding(weight, ids, idsShape.length == 0 ? new int[] {ids.length} : idsShape);
    }

    /** The {@code [vocab, dim]} table. */
    public Tensor weight() {
        return weight;
    }

    public int vocabSize() {
        return weight.dim(0);
    }

    public int dim() {
        return weight.dim(1);
    }
}
