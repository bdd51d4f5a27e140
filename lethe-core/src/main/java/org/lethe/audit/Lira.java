package org.lethe.audit;

/**
 * The likelihood-ratio membership-inference attack (LiRA, Carlini et al. 2022). For each target example, shadow
 * models trained with it ("in") and without it ("out") give samples of its {@link LogitScaledConfidence}; Gaussians
 * fitted to each turn the target model's confidence c into a per-example calibrated score:
 * <ul>
 *   <li>online: {@code log N(c; mu_in, s_in) - log N(c; mu_out, s_out)}, the log likelihood ratio;</li>
 *   <li>offline (only "out" shadow models, so no retraining per target): the one-sided
 *       {@code log P(Z <= c)}, Z ~ N(mu_out, s_out): how far above what non-members reach c lies.</li>
 * </ul>
 * Higher scores mean "more likely a member" in both. Standard deviations are floored at {@code minStd} (a few
 * shadow models can agree exactly); {@link #DEFAULT_MIN_STD} is far below the spread of real confidences and far
 * above float rounding of them.
 */
public final class Lira {
    /** Default floor of the fitted standard deviations, in units of logit-scaled confidence. */
    public static final double DEFAULT_MIN_STD = 1e-3;

    private Lira() {
    }

    /** The online score of confidence {@code target} given the "in" and "out" shadow confidences of its example. */
    public static double onlineScore(double target, double[] inConfidences, double[] outConfidences, double minStd) {
        requireFinite(target);
        return GaussianFit.of(inConfidences, minStd).logDensity(target)
                - GaussianFit.of(outConfidences, minStd).logDensity(target);
    }

    /** The offline (one-sided) score of confidence {@code target} given its example's "out" shadow confidences. */
    public static double offlineScore(double target, double[] outConfidences, double minStd) {
        requireFinite(target);
        return GaussianFit.of(outConfidences, minStd).logCdf(target);
    }

    /**
     * Online scores of many examples: {@code targets[e]} is example e's confidence under the attacked model, and
     * {@code inConfidences[e]}, {@code outConfidences[e]} its confidences under the shadow models that did and did
     * not train on it (the counts may differ between examples).
     */
    public static double[] onlineScores(double[] targets, double[][] inConfidences, double[][] outConfidences,
            double minStd) {
        requireSameCount(targets.length, inConfidences.length, "in");
        requireSameCount(targets.length, outConfidences.length, "out");
        double[] out = new double[targets.length];
        for (int e = 0; e < targets.length; e++) {
            out[e] = onlineScore(targets[e], inConfidences[e], outConfidences[e], minStd);
        }
        return out;
    }

    /** Offline scores of many examples, indexed as in {@link #onlineScores}. */
    public static double[] offlineScores(double[] targets, double[][] outConfidences, double minStd) {
        requireSameCount(targets.length, outConfidences.length, "out");
        double[] out = new double[targets.length];
        for (int e = 0; e < targets.length; e++) {
            out[e] = offlineScore(targets[e], outConfidences[e], minStd);
        }
        return out;
    }

    private static void requireFinite(double target) {
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("LiRA: target confidence must be finite, got " + target);
        }
    }

    private static void requireSameCount(int targets, int shadows, String which) {
        if (targets != shadows) {
            throw new IllegalArgumentException("LiRA: " + targets + " target confidences but '" + which
                    + "' shadow confidences for " + shadows + " examples");
        }
    }
}
