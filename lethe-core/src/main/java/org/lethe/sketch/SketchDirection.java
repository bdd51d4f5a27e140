package org.lethe.sketch;

import org.lethe.tensor.Rng;

/**
 * The random directions of a {@link DeletionSketch}: direction {@code j} of a sketch with seed {@code s} over
 * {@code n} examples is a vector of complex Gaussians normalised to the unit sphere of {@code C^n}, drawn from the
 * stream {@link Rng#derive Rng.derive(s, j)}, so it is regenerated from {@code (s, j)} rather than stored.
 */
public final class SketchDirection {
    private final double[] re;
    private final double[] im;

    private SketchDirection(double[] re, double[] im) {
        this.re = re;
        this.im = im;
    }

    /** Direction {@code index} of the sketch with {@code seed} over {@code n} examples. */
    public static SketchDirection of(long seed, int index, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a direction needs at least one example, got n = " + n);
        }
        if (index < 0) {
            throw new IllegalArgumentException("direction index must be >= 0, got " + index);
        }
        Rng rng = new Rng(Rng.derive(seed, index));
        double[] re = new double[n];
        double[] im = new double[n];
        double norm2 = 0;
        for (int i = 0; i < n; i++) {
            re[i] = rng.nextGaussian();
            im[i] = rng.nextGaussian();
            norm2 += re[i] * re[i] + im[i] * im[i];
        }
        double scale = 1.0 / Math.sqrt(norm2);
        for (int i = 0; i < n; i++) {
            re[i] *= scale;
            im[i] *= scale;
        }
        return new SketchDirection(re, im);
    }

    /** The number of entries n. */
    public int size() {
        return re.length;
    }

    /** Real parts of {@code psi} (a copy). */
    public double[] re() {
        return re.clone();
    }

    /** Imaginary parts of {@code psi} (a copy). */
    public double[] im() {
        return im.clone();
    }

    /** The loss weights {@code 1 - psi_i z} of a series training run along this direction. */
    public LossWeights lossWeights() {
        return LossWeights.direction(re, im);
    }

    /**
     * {@code s = sum_{i in D} conj(psi_i)} as {@code {re, im}}: the factor that turns the direction's Taylor
     * coefficients into estimates of the terms at {@code 1_D}. Indices must be distinct and in range.
     */
    public double[] conjugateSum(int[] deleted) {
        double sr = 0;
        double si = 0;
        boolean[] seen = new boolean[re.length];
        for (int i : deleted) {
            if (i < 0 || i >= re.length) {
                throw new IllegalArgumentException("deleted example " + i + " outside the " + re.length + " training examples");
            }
            if (seen[i]) {
                throw new IllegalArgumentException("deleted example " + i + " is listed twice");
            }
            seen[i] = true;
            sr += re[i];
            si -= im[i];
        }
        return new double[] {sr, si};
    }
}
