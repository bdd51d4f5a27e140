package org.lethe.audit;

/**
 * The forget-quality score of the NeurIPS 2023 Machine Unlearning Challenge: how well an unlearning algorithm
 * imitates retraining without the forget set, judged by how distinguishable the two are, example by example, to
 * the best of a family of simple attacks.
 *
 * <p>For every forget example the input is its {@link LogitScaledConfidence} under each of N unlearned models
 * and under each of the retrained models (matrices are indexed {@code [model][example]}). The positive
 * distribution is the one with the larger median. If the smaller spread (max - min) of the two is below 1% of the
 * larger, the example gets epsilon = {@link #EPSILON_CAP}. Otherwise two families of decision rules are tried:
 * <ul>
 *   <li>single threshold: t over {@code linspace(lo, hi, ceil((hi - lo) * 100))}, lo/hi over both distributions;
 *       a confidence {@code >= t} is predicted positive;</li>
 *   <li>interval: the peakier distribution (smaller spread; the negative one on a tie) is the one predicted
 *       positive, when {@code l <= conf <= r}; width = the smaller spread, buffer = 2; right edges r over
 *       {@code linspace(min_p + width - 2, max_p + 2, ceil((max_p + 2 - (min_p + width - 2)) * 100))} with min_p,
 *       max_p those of the peakier distribution; for each r, left edges over
 *       {@code linspace(r - width - 2, r - width + 2, 400)}.</li>
 * </ul>
 * Each rule has FPR = the fraction of the rule's negative distribution predicted positive and FNR = the fraction of
 * its positive distribution predicted negative. FPR = FNR = 0 certifies epsilon = infinity; exactly one of them 0
 * discards the rule; otherwise epsilon = {@code max(log(1 - delta - FPR) - log FNR, log(1 - delta - FNR) - log FPR)}
 * clipped below at 0, with {@link #DELTA}; a term with the logarithm of a negative number is ignored, and a rule
 * with both terms ignored (FPR = FNR = 1) is discarded. The example's epsilon is the largest over the kept rules,
 * clipped to [0, 50]. {@link ScoreBuckets} turns epsilons into points; F is their mean over examples; the final
 * score multiplies F by the unlearned/retrained ratios of mean retain accuracy and of mean test accuracy.
 *
 * <p>Confidences must be finite, and one example's may span at most {@link #MAX_CONFIDENCE_SPAN}.
 *
 * <p>Choices this port makes where the reference implementation (NumPy and PyTorch on a GPU) is silent, differs
 * or cannot be matched bit for bit:
 * <ul>
 *   <li>Equal medians make the unlearned distribution the positive one ("retrained is positive" is
 *       {@code median_R > median_U}).</li>
 *   <li>When no rule at all is kept (possible only with nearly constant distributions: every rule then predicts
 *       both distributions alike, or the grids are too coarse to split them), the reference fails an assertion;
 *       here the example gets epsilon 0, the verdict of the rule families, instead of aborting the whole score.</li>
 *   <li>Both ranges 0 does not trigger the 1% rule (0/0 is not below 0.01 in the reference either).</li>
 *   <li>Everything is in double precision. The reference builds the single-threshold grid with
 *       {@code torch.linspace} in float32 and averages the rates and evaluates the logarithms in float32; those
 *       roundings (relative 1e-7) can change points only for an epsilon within that distance of a bucket edge, or a
 *       confidence within it of a threshold.</li>
 *   <li>The unlearned and retrained model counts may differ (rates then use each distribution's own count);
 *       the buckets use the number of unlearned models, as the reference does. The reference needs them equal.</li>
 * </ul>
 */
public final class ForgetQuality {
    /** The delta of (epsilon, delta) indistinguishability. */
    public static final double DELTA = 1e-5;
    /** Largest epsilon an example can get. */
    public static final double EPSILON_CAP = 50;
    /** Grid density of the thresholds, per unit of logit-scaled confidence. */
    public static final double THRESHOLDS_PER_UNIT = 100;
    /** How far the interval rules' edges range beyond the peakier distribution. */
    public static final double INTERVAL_BUFFER = 2;
    /** Left edges tried per right edge: {@code ceil(2 * buffer * 100)}. */
    public static final int LEFT_EDGES = 400;
    /** Below this ratio of the smaller to the larger spread, the example gets {@link #EPSILON_CAP}. */
    public static final double DEGENERATE_SPREAD_RATIO = 0.01;
    /**
     * Largest accepted span (max - min) of one example's confidences. Logit-scaled confidences lie within about
     * +-103.6, so a wider span means the inputs are something else; refusing them keeps the threshold grids (which
     * grow with the span) from running for hours.
     */
    public static final double MAX_CONFIDENCE_SPAN = 1000;

    private ForgetQuality() {
    }

    /** The epsilon of one forget example from its confidences under the unlearned and the retrained models. */
    public static double epsilon(double[] unlearned, double[] retrained) {
        requireNonEmpty(unlearned.length, retrained.length);
        return new ExampleEpsilon(unlearned.length, retrained.length).epsilon(unlearned, retrained);
    }

    /** The epsilon of every example; both matrices are {@code [model][example]} with the same number of columns. */
    public static double[] epsilons(double[][] unlearned, double[][] retrained) {
        int examples = checkShapes(unlearned, retrained);
        ExampleEpsilon search = new ExampleEpsilon(unlearned.length, retrained.length);
        double[] out = new double[examples];
        double[] u = new double[unlearned.length];
        double[] r = new double[retrained.length];
        for (int e = 0; e < examples; e++) {
            column(unlearned, e, u);
            column(retrained, e, r);
            out[e] = search.epsilon(u, r);
        }
        return out;
    }

    /** Forget quality F with its per-example epsilons and points; needs at least 2 models of each kind. */
    public static ForgetQualityResult score(double[][] unlearned, double[][] retrained) {
        if (unlearned.length < 2 || retrained.length < 2) {
            throw new IllegalArgumentException("forget quality needs at least 2 unlearned and 2 retrained models, got "
                    + unlearned.length + " and " + retrained.length);
        }
        double[] eps = epsilons(unlearned, retrained);
        return new ForgetQualityResult(eps, new ScoreBuckets(unlearned.length), unlearned.length, retrained.length);
    }

    /**
     * The challenge's final score: {@code F * (retain accuracy unlearned / retrained) * (test accuracy unlearned /
     * retrained)}, each accuracy the mean over that kind of model.
     */
    public static double finalScore(double forgetQuality, double unlearnedRetainAccuracy,
            double retrainedRetainAccuracy, double unlearnedTestAccuracy, double retrainedTestAccuracy) {
        requireAccuracy("unlearned retain accuracy", unlearnedRetainAccuracy, false);
        requireAccuracy("retrained retain accuracy", retrainedRetainAccuracy, true);
        requireAccuracy("unlearned test accuracy", unlearnedTestAccuracy, false);
        requireAccuracy("retrained test accuracy", retrainedTestAccuracy, true);
        return forgetQuality * (unlearnedRetainAccuracy / retrainedRetainAccuracy)
                * (unlearnedTestAccuracy / retrainedTestAccuracy);
    }

    private static void requireAccuracy(String name, double value, boolean positive) {
        if (!Double.isFinite(value) || value < 0 || (positive && value == 0)) {
            throw new IllegalArgumentException(name + " must be a finite number " + (positive ? "> 0" : ">= 0")
                    + ", got " + value);
        }
    }

    private static void requireNonEmpty(int unlearned, int retrained) {
        if (unlearned == 0 || retrained == 0) {
            throw new IllegalArgumentException("forget quality needs confidences from at least one model of each "
                    + "kind, got " + unlearned + " unlearned and " + retrained + " retrained");
        }
    }

    private static int checkShapes(double[][] unlearned, double[][] retrained) {
        requireNonEmpty(unlearned.length, retrained.length);
        int examples = unlearned[0].length;
        checkRows(unlearned, examples, "unlearned");
        checkRows(retrained, examples, "retrained");
        return examples;
    }

    private static void checkRows(double[][] m, int examples, String which) {
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != examples) {
                throw new IllegalArgumentException("forget quality: " + which + " model " + i + " has "
                        + m[i].length + " confidences, expected " + examples + " (one per forget example)");
            }
        }
    }

    private static void column(double[][] m, int e, double[] out) {
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][e];
        }
    }
}
