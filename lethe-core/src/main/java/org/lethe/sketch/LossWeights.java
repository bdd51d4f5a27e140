package org.lethe.sketch;

import java.util.Arrays;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Series;

/**
 * The factor {@code 1 - x_i} each training example's loss is multiplied by, where the deletion vector {@code x} is
 * either real ({@code x = w 1_D} for a retraining without, or with a partial weight on, the examples of D) or a
 * direction times the series variable ({@code x_i = psi_i z}) for a sketch.
 */
public abstract class LossWeights {

    private LossWeights() {
    }

    /** The factor of example {@code i} as a rank-0 array in {@code algebra}, or null when it is exactly 1. */
    public abstract NDArray weight(int example, Algebra algebra);

    /** The factors of several examples as a {@code [examples.length]} array in {@code algebra}. */
    public NDArray weights(int[] examples, Algebra algebra) {
        NDArray[] parts = new NDArray[examples.length];
        for (int i = 0; i < examples.length; i++) {
            NDArray w = weight(examples[i], algebra);
            parts[i] = (w == null ? NDArray.scalar(algebra, 1.0) : w).reshape(1);
        }
        return NDArray.concat(0, parts);
    }

    /** Every factor 1: the real training run. */
    public static LossWeights none() {
        return new Real(new double[0], 0);
    }

    /** Real {@code x}: example {@code i}'s factor is {@code 1 - x[i]} (missing entries are 0). */
    public static LossWeights real(double[] x) {
        return new Real(x.clone(), x.length);
    }

    /** {@code x = w 1_D}: examples in {@code deleted} get factor {@code 1 - w}, all others 1. */
    public static LossWeights deleting(int[] deleted, int exampleCount, double w) {
        double[] x = new double[exampleCount];
        for (int i : deleted) {
            if (i < 0 || i >= exampleCount) {
                throw new IllegalArgumentException("example " + i + " outside the " + exampleCount + " training examples");
            }
            x[i] = w;
        }
        return real(x);
    }

    /**
     * {@code x_i = (re[i] + i im[i]) z} in a series algebra: factor {@code 1 - psi_i z}. {@code im} may be null.
     * Entries with {@code psi_i = 0} get factor exactly 1.
     */
    public static LossWeights direction(double[] re, double[] im) {
        if (im != null && im.length != re.length) {
            throw new IllegalArgumentException("direction has " + re.length + " real and " + im.length + " imaginary parts");
        }
        return new Direction(re.clone(), im == null ? new double[re.length] : im.clone());
    }

    private static final class Real extends LossWeights {
        private final double[] x;
        private final int n;

        Real(double[] x, int n) {
            this.x = x;
            this.n = n;
        }

        @Override
        public NDArray weight(int example, Algebra algebra) {
            double xi = example < n ? x[example] : 0.0;
            return xi == 0.0 ? null : NDArray.scalar(algebra, 1.0 - xi);
        }

        @Override
        public String toString() {
            return "LossWeights.real" + Arrays.toString(Arrays.copyOf(x, Math.min(n, 8)));
        }
    }

    private static final class Direction extends LossWeights {
        private final double[] re;
        private final double[] im;

        Direction(double[] re, double[] im) {
            this.re = re;
            this.im = im;
        }

        @Override
        public NDArray weight(int example, Algebra algebra) {
            if (example < 0 || example >= re.length) {
                throw new IndexOutOfBoundsException("example " + example + " outside a direction of " + re.length);
            }
            if (re[example] == 0 && im[example] == 0) {
                return null;
            }
            if (!(algebra instanceof Series)) {
                throw new IllegalArgumentException("a direction weight needs a series algebra, got " + algebra.name());
            }
            return ((Series) algebra).linear(NDArray.scalar(Real64.INSTANCE, 1.0),
                    NDArray.scalar(Real64.INSTANCE, -re[example]), NDArray.scalar(Real64.INSTANCE, -im[example]));
        }
    }
}
