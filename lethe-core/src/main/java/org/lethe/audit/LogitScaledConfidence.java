package org.lethe.audit;

/**
 * The logit-scaled confidence of a classifier in an example's true label, the statistic that membership-inference
 * attacks (LiRA) and the NeurIPS 2023 unlearning challenge compare across models:
 * {@code log p(y|x) - log sum_{j != y} p(j|x)}. Its distribution over training runs is close to Gaussian, unlike
 * the probability itself, which piles up near 1.
 */
public final class LogitScaledConfidence {
    /** Added inside both logarithms (as in the reference code), so a probability of exactly 0 stays finite. */
    public static final double LOG_GUARD = 1e-45;

    private LogitScaledConfidence() {
    }

    /**
     * The logit-scaled confidence of {@code logits} in class {@code label}: softmax in double precision after
     * subtracting the largest logit, then {@code log(p_y + 1e-45) - log(sum_{j != y} p_j + 1e-45)}. The result lies
     * within about +-103.6 (the logarithm of the guard). Sums run left to right, so the last bit can differ from
     * NumPy's pairwise sums.
     */
    public static double of(double[] logits, int label) {
        if (logits.length < 2) {
            throw new IllegalArgumentException("logit-scaled confidence needs at least 2 classes, got "
                    + logits.length);
        }
        double max = Logits.checkedMax(logits, label);
        double[] probs = new double[logits.length];
        double total = 0;
        for (int j = 0; j < logits.length; j++) {
            probs[j] = Math.exp(logits[j] - max);
            total += probs[j];
        }
        double wrong = 0;
        for (int j = 0; j < logits.length; j++) {
            probs[j] /= total;
            if (j != label) {
                wrong += probs[j];
            }
        }
        return Math.log(probs[label] + LOG_GUARD) - Math.log(wrong + LOG_GUARD);
    }

    /** {@link #of} for each row of {@code logits} (one row per example) with its label. */
    public static double[] ofRows(double[][] logits, int[] labels) {
        if (logits.length != labels.length) {
            throw new IllegalArgumentException("logit-scaled confidence: " + logits.length + " rows of logits but "
                    + labels.length + " labels");
        }
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = of(logits[i], labels[i]);
        }
        return out;
    }
}
