package org.lethe.autograd;

import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;
import org.lethe.tensor.Shapes;

/**
 * Differentiable operations that are not methods of {@link Tensor}: index-driven data movement, softmax,
 * losses and dropout. Like {@code torch.nn.functional}, these are plain functions of tensors.
 */
public final class Functional {
    private Functional() {
    }

    /**
     * Output element {@code i} is input element {@code map[i]} (zero where negative); the gradient scatters back.
     * Every data-movement operation (embedding lookup, im2col, pooling windows) is an instance of this.
     */
    public static Tensor gather(Tensor x, int[] map, int... outShape) {
        int[] inShape = x.shape();
        return Tensor.record("gather", x.value().gather(map, outShape),
                (g, needs) -> new NDArray[] {g.scatterAdd(map, inShape)}, x);
    }

    /** Rows {@code ids} of a {@code [vocab, dim]} table, shaped {@code [..., dim]} following {@code idsShape}. */
    public static Tensor embedding(Tensor table, int[] ids, int... idsShape) {
        int vocab = table.dim(0);
        int dim = table.dim(1);
        if (Shapes.size(idsShape) != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids do not fill shape " + Shapes.str(idsShape));
        }
        int[] map = new int[ids.length * dim];
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= vocab) {
                throw new IndexOutOfBoundsException("token id " + id + " outside vocabulary of " + vocab);
            }
            for (int d = 0; d < dim; d++) {
                map[i * dim + d] = id * dim + d;
            }
        }
        int[] outShape = java.util.Arrays.copyOf(idsShape, idsShape.length + 1);
        outShape[idsShape.length] = dim;
        return gather(table, map, outShape);
    }

    /** log(softmax(x)) along an axis, shifted by the maximum key for stability. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        NDArray v = x.value();
        int ax = Shapes.axis(axis, v.rank());
        NDArray shifted = v.sub(v.gather(Tensor.argmaxMap(v, ax), v.reducedShape(ax, true)));
        NDArray out = shifted.sub(shifted.exp().sum(ax, true).log());
        return Tensor.record("log_softmax", out, (g, needs) ->
                new NDArray[] {g.sub(out.exp().mul(g.sum(ax, true)))}, x);
    }

    /** softmax(x) along an axis, shifted by the maximum key for stability. */
    public static Tensor softmax(Tensor x, int axis) {
        NDArray v = x.value();
        int ax = Shapes.axis(axis, v.rank());
        NDArray e = v.sub(v.gather(Tensor.argmaxMap(v, ax), v.reducedShape(ax, true))).exp();
        NDArray out = e.div(e.sum(ax, true));
        return Tensor.record("softmax", out, (g, needs) ->
                new NDArray[] {out.mul(g.sub(g.mul(out).sum(ax, true)))}, x);
    }

    /**
     * Mean cross-entropy of {@code [n, classes]} logits against integer targets:
     * {@code (1/n) sum_i w_i * -log softmax(logits_i)[target_i]}. With {@code weights == null} every
     * {@code w_i = 1}. The divisor is always {@code n}, so a weight of 0 removes an example's contribution while
     * the step keeps its size, which is the convention deletion prediction relies on. Weights may be tensors of
     * any algebra matching the logits, including ones that carry gradients.
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, Tensor weights) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("cross-entropy needs [n, classes] logits, got " + Shapes.str(logits.shape()));
        }
        int n = logits.dim(0);
        int classes = logits.dim(1);
        if (targets.length != n) {
            throw new IllegalArgumentException(targets.length + " targets for " + n + " rows of logits");
        }
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= classes) {
                throw new IndexOutOfBoundsException("target " + targets[i] + " outside " + classes + " classes");
            }
            map[i] = i * classes + targets[i];
        }
        Tensor picked = gather(logSoftmax(logits, 1), map, n);
        if (weights != null) {
            if (weights.value().size() != n) {
                throw new IllegalArgumentException("need one weight per example: " + weights.value().size() + " for " + n);
            }
            picked = picked.mul(weights.reshape(n));
        }
        return picked.sum().mul(-1.0 / n);
    }

    /** Unweighted mean cross-entropy. */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        return crossEntropy(logits, targets, null);
    }

    /** Per-example cross-entropy {@code -log softmax(logits_i)[target_i]}, shape {@code [n]}. */
    public static Tensor crossEntropyPerExample(Tensor logits, int[] targets) {
        int n = logits.dim(0);
        int classes = logits.dim(1);
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            map[i] = i * classes + targets[i];
        }
        return gather(logSoftmax(logits, 1), map, n).neg();
    }

    /**
     * Inverted dropout: zeroes each element with probability {@code p} and scales the rest by {@code 1/(1-p)}.
     * The identity when {@code training} is false or {@code p == 0}.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Rng rng) {
        if (!training || p == 0.0) {
            return x;
        }
        if (p < 0 || p >= 1) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1): " + p);
        }
        int n = x.value().size();
        double[] mask = new double[n];
        double keep = 1.0 / (1.0 - p);
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() < p ? 0.0 : keep;
        }
        return x.mul(Tensor.constant(NDArray.of(x.algebra(), mask, x.shape())));
    }
}
