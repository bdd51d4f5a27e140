package org.lethe.autograd;

import org.lethe.tensor.IndexMaps;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Shapes;

/**
 * The pieces of multi-head self-attention that are not plain matrix products: moving heads in and out of the
 * batch axis, and the causal softmax. Each is a single tape record.
 */
public final class Attention {
    private Attention() {
    }

    /**
     * {@code [B, T, H*hd] -> [B*H, T, hd]}: each head becomes its own batch entry, so that the score and value
     * products are one batched matrix product.
     */
    public static Tensor splitHeads(Tensor x, int heads) {
        int[] s = requireRank3(x, "splitHeads");
        int b = s[0];
        int t = s[1];
        int d = s[2];
        if (heads <= 0 || d % heads != 0) {
            throw new IllegalArgumentException("width " + d + " does not split into " + heads + " heads");
        }
        int hd = d / heads;
        int[] map = IndexMaps.permute(new int[] {b, t, heads, hd}, new int[] {0, 2, 1, 3});
        return Functional.gather(x, map, b * heads, t, hd);
    }

    /** The inverse of {@link #splitHeads}: {@code [B*H, T, hd] -> [B, T, H*hd]}. */
    public static Tensor mergeHeads(Tensor x, int heads) {
        int[] s = requireRank3(x, "mergeHeads");
        if (heads <= 0 || s[0] % heads != 0) {
            throw new IllegalArgumentException("batch of " + s[0] + " is not a multiple of " + heads + " heads");
        }
        int b = s[0] / heads;
        int t = s[1];
        int hd = s[2];
        int[] map = IndexMaps.permute(new int[] {b, heads, t, hd}, new int[] {0, 2, 1, 3});
        return Functional.gather(x, map, b, t, heads * hd);
    }

    /**
     * {@code softmax(scale * scores)} over the last axis of {@code [..., T, T]} query-by-key scores, where key
     * {@code j} is visible to query {@code i} only if {@code j <= i}.
     *
     * <p>Hidden keys get a probability of exactly zero in any algebra, not the tiny value a large negative
     * score would leave: the exponentials at hidden positions are replaced by zero through an index map. The
     * stabilising shift is the largest <em>visible</em> score (hidden scores are first overwritten with the
     * query's own diagonal score), so an output never depends on later positions, not even through the shift.
     */
    public static Tensor causalSoftmax(Tensor scores, double scale) {
        NDArray v = scores.value();
        int[] shape = v.shape();
        int rank = shape.length;
        if (rank < 2 || shape[rank - 1] != shape[rank - 2]) {
            throw new IllegalArgumentException("causal softmax needs [..., T, T] scores, got " + Shapes.str(shape));
        }
        int t = shape[rank - 1];
        int batch = Shapes.product(shape, 0, rank - 2);
        NDArray visible = v.gather(diagonalFillMap(batch, t), shape).mul(scale);
        NDArray max = visible.gather(Tensor.argmaxMap(visible, rank - 1), visible.reducedShape(rank - 1, true));
        NDArray e = visible.sub(max).exp().gather(zeroFillMap(batch, t), shape);
        NDArray p = e.div(e.sum(rank - 1, true));
        return Tensor.record("causal_softmax", p, (g, needs) ->
                new NDArray[] {g.sub(g.mul(p).sum(rank - 1, true)).mul(p).mul(scale)}, scores);
    }

    /** Index map that keeps visible scores and copies the diagonal score into hidden positions. */
    private static int[] diagonalFillMap(int batch, int t) {
        return IndexMaps.cached("causal-diag" + batch + "x" + t, () -> {
            int[] map = new int[batch * t * t];
            for (int n = 0, k = 0; n < batch; n++) {
                for (int i = 0; i < t; i++) {
                    int row = (n * t + i) * t;
                    for (int j = 0; j < t; j++, k++) {
                        map[k] = row + (j <= i ? j : i);
                    }
                }
            }
            return map;
        });
    }

    /** Index map that keeps visible positions and zeroes hidden ones. */
    private static int[] zeroFillMap(int batch, int t) {
        return IndexMaps.cached("causal-zero" + batch + "x" + t, () -> {
            int[] map = new int[batch * t * t];
            for (int n = 0, k = 0; n < batch; n++) {
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++, k++) {
                        map[k] = j <= i ? k : -1;
                    }
                }
            }
            return map;
        });
    }

    private static int[] requireRank3(Tensor x, String op) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(op + " needs a rank-3 tensor, got " + Shapes.str(x.shape()));
        }
        return x.shape();
    }
}
