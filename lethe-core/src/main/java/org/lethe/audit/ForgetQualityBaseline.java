package org.lethe.audit;

import org.lethe.tensor.Rng;

/**
 * What forget quality F an unlearning method gets when its models are truly indistinguishable from retraining, at a
 * given number of models: the yardstick F has to be read against. It is well below 1: for each example the score
 * takes the best of hundreds of thousands of decision rules over only N + N samples, and some rule always fits the
 * noise well enough to certify an epsilon of 1 or 2 (with N = 32 or 64, F is typically 0.1 to 0.2 even for two
 * samples of one distribution).
 *
 * <p>Two estimates:
 * <ul>
 *   <li>{@link #gaussian}: each example's unlearned and retrained confidences are both drawn from one normal
 *       distribution fitted to its retrained confidences (mean and spread), so the two samples are identically
 *       distributed by construction; cheap, needs only the retrained models, and close to the real null when
 *       confidences are near Gaussian (the premise of LiRA);</li>
 *   <li>{@link #permutation}: a pool of independently retrained models is split at random into two groups, one
 *       playing "unlearned"; no distributional assumption, but it needs twice the retrained models.</li>
 * </ul>
 */
public final class ForgetQualityBaseline {
    private ForgetQualityBaseline() {
    }

    /** Mean and standard deviation of F over repeated draws. */
    public static final class Estimate {
        /** Mean F over the repeats. */
        public final double mean;
        /** Standard deviation of F over the repeats. */
        public final double std;
        /** How many draws or splits. */
        public final int repeats;

        Estimate(double[] values) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            this.mean = sum / values.length;
            double sq = 0;
            for (double v : values) {
                sq += (v - mean) * (v - mean);
            }
            this.std = values.length > 1 ? Math.sqrt(sq / (values.length - 1)) : 0.0;
            this.repeats = values.length;
        }
    }

    /**
     * F of {@code numUnlearned} against {@code retrained.length} models drawn from one Gaussian per example (fitted to
     * the columns of {@code retrained}, {@code [model][example]}), averaged over {@code repeats} seeded draws.
     */
    public static Estimate gaussian(double[][] retrained, int numUnlearned, int repeats, long seed) {
        if (retrained.length < 2 || numUnlearned < 2 || repeats < 1) {
            throw new IllegalArgumentException("the forget-quality baseline needs at least 2 models of each kind and "
                    + "one repeat, got " + numUnlearned + ", " + retrained.length + " and " + repeats);
        }
        int examples = retrained[0].length;
        double[] mean = new double[examples];
        double[] std = new double[examples];
        for (int e = 0; e < examples; e++) {
            double[] col = UnlearningLira.column(retrained, e);
            double s = 0;
            for (double v : col) {
                s += v;
            }
            mean[e] = s / col.length;
            double q = 0;
            for (double v : col) {
                q += (v - mean[e]) * (v - mean[e]);
            }
            std[e] = Math.sqrt(q / col.length);
        }
        double[] f = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            Rng rng = new Rng(Rng.derive(seed, k));
            double[][] u = draw(mean, std, numUnlearned, rng);
            double[][] r = draw(mean, std, retrained.length, rng);
            f[k] = ForgetQuality.score(u, r).forgetQuality();
        }
        return new Estimate(f);
    }

    /**
     * F of random splits of {@code pool} ({@code [model][example]}, independently retrained models) into
     * {@code numUnlearned} "unlearned" and the rest "retrained", averaged over {@code repeats} seeded splits.
     */
    public static Estimate permutation(double[][] pool, int numUnlearned, int repeats, long seed) {
        if (numUnlearned < 2 || pool.length - numUnlearned < 2 || repeats < 1) {
            throw new IllegalArgumentException("cannot split " + pool.length + " models into " + numUnlearned
                    + " and the rest with at least 2 in each group");
        }
        double[] f = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            int[] perm = new Rng(Rng.derive(seed, k)).permutation(pool.length);
            double[][] u = new double[numUnlearned][];
            double[][] r = new double[pool.length - numUnlearned][];
            for (int i = 0; i < perm.length; i++) {
                if (i < numUnlearned) {
                    u[i] = pool[perm[i]];
                } else {
                    r[i - numUnlearned] = pool[perm[i]];
                }
            }
            f[k] = ForgetQuality.score(u, r).forgetQuality();
        }
        return new Estimate(f);
    }

    private static double[][] draw(double[] mean, double[] std, int models, Rng rng) {
        double[][] out = new double[models][mean.length];
        for (int i = 0; i < models; i++) {
            for (int e = 0; e < mean.length; e++) {
                out[i][e] = mean[e] + std[e] * rng.nextGaussian();
            }
        }
        return out;
    }
}
