package org.lethe.nn;

import org.lethe.autograd.Attention;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Rng;

/**
 * Multi-head causal self-attention on {@code [B, T, D]} inputs. Queries, keys and values are separate
 * {@code [D, D]} projections ({@code attn_wq}, {@code attn_wk}, {@code attn_wv}, stored {@code [out, in]}); heads
 * are folded into the batch axis so scores and weighted values are batched products over {@code [B*H, T, hd]};
 * position {@code t} attends to positions {@code <= t} with probabilities {@code softmax(scale * q k^T)}; the
 * heads are joined and projected by {@code attn_wo}. Optional biases are named {@code attn_wq_bias} and so on.
 *
 * <p>The projections are {@link Linear} layers (inline children, so their names carry no extra path segment),
 * which makes them visible to {@link LayerHook}s.
 */
public final class CausalSelfAttention extends Layer {
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final int heads;
    private final double scale;

    /** Attention with the usual score scale {@code 1/sqrt(D/heads)}. */
    public CausalSelfAttention(Algebra algebra, Rng rng, int dim, int heads, boolean withBias) {
        this(algebra, rng, dim, heads, withBias, defaultScale(dim, heads));
    }

    /** Attention whose scores are multiplied by {@code scale} before the softmax. */
    public CausalSelfAttention(Algebra algebra, Rng rng, int dim, int heads, boolean withBias, double scale) {
        if (dim <= 0 || heads <= 0 || dim % heads != 0) {
            throw new IllegalArgumentException("attention width " + dim + " does not split into " + heads + " heads");
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("attention scale must be finite, got " + scale);
        }
        this.heads = heads;
        this.scale = scale;
        this.query = addInlineChild("wq", projection(algebra, rng, dim, withBias, "attn_wq"));
        this.key = addInlineChild("wk", projection(algebra, rng, dim, withBias, "attn_wk"));
        this.value = addInlineChild("wv", projection(algebra, rng, dim, withBias, "attn_wv"));
        this.output = addInlineChild("wo", projection(algebra, rng, dim, withBias, "attn_wo"));
    }

    /** {@code 1/sqrt(headDim)}. */
    public static double defaultScale(int dim, int heads) {
        if (heads <= 0 || dim % heads != 0) {
            throw new IllegalArgumentException("attention width " + dim + " does not split into " + heads + " heads");
        }
        return 1.0 / Math.sqrt(dim / heads);
    }

    private static Linear projection(Algebra algebra, Rng rng, int dim, boolean withBias, String name) {
        return new Linear(algebra, rng, dim, dim, withBias, name, name + "_bias");
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 3 || x.dim(2) != query.inFeatures()) {
            throw new IllegalArgumentException("attention of width " + query.inFeatures() + " needs [B, T, "
                    + query.inFeatures() + "] input, got " + java.util.Arrays.toString(x.shape()));
        }
        Tensor q = Attention.splitHeads(query.forward(x), heads);
        Tensor k = Attention.splitHeads(key.forward(x), heads);
        Tensor v = Attention.splitHeads(value.forward(x), heads);
        Tensor probabilities = Attention.causalSoftmax(q.matmul(k, false, true), scale);
        return output.forward(Attention.mergeHeads(probabilities.matmul(v), heads));
    }

    public Linear query() {
        return query;
    }

    public Linear key() {
        return key;
    }

    public Linear value() {
        return value;
    }

    public Linear output() {
        return output;
    }

    public int heads() {
        return heads;
    }

    public double scale() {
        return scale;
    }
}
