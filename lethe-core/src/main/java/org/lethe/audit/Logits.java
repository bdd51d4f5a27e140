package org.lethe.audit;

/** Checks shared by the per-example measures that read one example's logits. */
final class Logits {
    private Logits() {
    }

    /** The largest logit, after checking that the label is in range and every logit is finite. */
    static double checkedMax(double[] logits, int label) {
        if (label < 0 || label >= logits.length) {
            throw new IllegalArgumentException("label " + label + " is out of range for " + logits.length + " classes");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("logits must be finite, got " + v);
            }
            max = Math.max(max, v);
        }
        return max;
    }
}
