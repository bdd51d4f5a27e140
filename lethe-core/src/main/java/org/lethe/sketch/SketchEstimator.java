package org.lethe.sketch;

import java.util.Arrays;

/**
 * The estimator of a {@link DeletionSketch}. For a direction {@code psi} uniform on the unit sphere of {@code C^n}
 * and the Taylor coefficients {@code c_r} of a measurement trained along {@code x = psi z}, with
 * {@code s = sum_{i in D} conj(psi_i)},
 * <pre>
 *   E[ C(n + r - 1, r) c_r s^r ] = T_r(1_D),
 * </pre>
 * the r-th Taylor term of the measurement at {@code x = 1_D}: {@code c_r} is the homogeneous degree-r polynomial
 * {@code T_r} at {@code psi}, and for a uniform complex direction {@code E[psi^a conj(psi)^b]} vanishes unless the
 * multi-indices are equal, when it is {@code a! (n-1)! / (n-1+r)!}. Taking real parts keeps the estimate unbiased
 * for the real {@code T_r}, and {@code T_r(w 1_D) = w^r T_r(1_D)} gives partial deletion.
 */
public final class SketchEstimator {
    private SketchEstimator() {
    }

    /** {@code C(n + r - 1, r)}, the number of multisets of size r from n items, as a double. */
    public static double multisetCount(int n, int r) {
        double c = 1;
        for (int i = 1; i <= r; i++) {
            c = c * (n - 1 + i) / i;
        }
        return c;
    }

    /**
     * The per-direction terms {@code Re(C(n+r-1, r) c_r s^r) w^r}, indexed {@code [direction][r]}.
     *
     * @param coefficients the measurement's coefficients, one series per direction
     * @param conjugateSums {@code s} of each direction as {@code {re, im}}
     */
    public static double[][] terms(TaylorSeries[] coefficients, double[][] conjugateSums, int n, double w) {
        if (coefficients.length != conjugateSums.length) {
            throw new IllegalArgumentException(coefficients.length + " coefficient series for " + conjugateSums.length
                    + " directions");
        }
        double[][] out = new double[coefficients.length][];
        for (int j = 0; j < coefficients.length; j++) {
            TaylorSeries c = coefficients[j];
            double sr = conjugateSums[j][0];
            double si = conjugateSums[j][1];
            double[] t = new double[c.order() + 1];
            double pr = 1;
            double pi = 0;
            double wr = 1;
            for (int r = 0; r <= c.order(); r++) {
                // Re(c_r s^r) with s^r kept as (pr, pi).
                double real = c.re(r) * pr - c.im(r) * pi;
                t[r] = r == 0 ? c.re(0) : multisetCount(n, r) * real * wr;
                double nr = pr * sr - pi * si;
                pi = pr * si + pi * sr;
                pr = nr;
                wr *= w;
            }
            out[j] = t;
        }
        return out;
    }

    /** The prediction from per-direction coefficients; {@code groups} for the median of means (1 to m). */
    public static SketchPrediction predict(String measurement, TaylorSeries[] coefficients, double[][] conjugateSums,
                                           int n, double w, int groups) {
        int m = coefficients.length;
        if (m == 0) {
            throw new IllegalArgumentException("a prediction needs at least one direction");
        }
        if (groups < 1 || groups > m) {
            throw new IllegalArgumentException("median of means needs 1 to " + m + " groups, got " + groups);
        }
        double[][] terms = terms(coefficients, conjugateSums, n, w);
        int k = coefficients[0].order();
        double[] partialMeans = new double[k + 1];
        double[] partialErrors = new double[k + 1];
        double[] partialMom = new double[k + 1];
        double[] termMeans = new double[k + 1];
        double[] termErrors = new double[k + 1];
        double[] partial = new double[m];
        double[] single = new double[m];
        for (int r = 0; r <= k; r++) {
            for (int j = 0; j < m; j++) {
                if (terms[j].length != k + 1) {
                    throw new IllegalArgumentException("direction " + j + " has order " + (terms[j].length - 1)
                            + ", direction 0 has order " + k);
                }
                partial[j] += terms[j][r];
                single[j] = terms[j][r];
            }
            partialMeans[r] = mean(partial);
            partialErrors[r] = standardError(partial);
            partialMom[r] = medianOfMeans(partial, groups);
            termMeans[r] = mean(single);
            termErrors[r] = standardError(single);
        }
        return new SketchPrediction(measurement, w, m, groups, partialMeans, partialErrors, partialMom, termMeans,
                termErrors);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample standard deviation over sqrt(m); 0 for a single value. */
    static double standardError(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double mu = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - mu) * (v - mu);
        }
        return Math.sqrt(ss / (x.length - 1) / x.length);
    }

    /**
     * The median of the means of {@code groups} groups of consecutive values (sizes differing by at most one; an
     * even number of groups takes the mean of the middle two).
     */
    static double medianOfMeans(double[] x, int groups) {
        double[] means = new double[groups];
        int m = x.length;
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * m / groups);
            int to = (int) ((long) (g + 1) * m / groups);
            double s = 0;
            for (int i = from; i < to; i++) {
                s += x[i];
            }
            means[g] = s / (to - from);
        }
        Arrays.sort(means);
        return groups % 2 == 1 ? means[groups / 2] : 0.5 * (means[groups / 2 - 1] + means[groups / 2]);
    }
}
