package org.lethe.audit;

/**
 * The epsilon that one decision rule certifies, looked up by its error counts. A rule's false-positive and
 * false-negative rates are fractions {@code fp / negatives} and {@code fn / positives}, so every rule of every
 * example with the same sample sizes draws from one small table; building it once replaces two logarithms per
 * rule (hundreds of thousands of rules per example) by a lookup.
 *
 * <p>Entries follow the challenge metric: both rates 0 gives infinity (perfect separation); exactly one rate 0
 * discards the rule (taken as too few samples, not as evidence), marked NaN; otherwise
 * {@code max(log(1 - delta - FPR) - log FNR, log(1 - delta - FNR) - log FPR)} clipped below at 0, where a term
 * whose first logarithm is of a negative number is ignored (NumPy's {@code nanmax}), and the rule is discarded when
 * both are (FPR = FNR = 1).
 */
final class RuleEpsilons {
    private final int positives;
    private final int negatives;
    private final double[] table;

    RuleEpsilons(int positives, int negatives, double delta) {
        this.positives = positives;
        this.negatives = negatives;
        this.table = new double[(negatives + 1) * (positives + 1)];
        for (int fp = 0; fp <= negatives; fp++) {
            for (int fn = 0; fn <= positives; fn++) {
                table[fp * (positives + 1) + fn] = epsilon(fp / (double) negatives, fn / (double) positives, delta);
            }
        }
    }

    /** The epsilon of a rule with these rates, NaN when the rule is discarded. */
    static double epsilon(double fpr, double fnr, double delta) {
        if (fpr == 0 && fnr == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (fpr == 0 || fnr == 0) {
            return Double.NaN;
        }
        double e1 = Math.log(1 - delta - fpr) - Math.log(fnr);
        double e2 = Math.log(1 - delta - fnr) - Math.log(fpr);
        double e;
        if (Double.isNaN(e1)) {
            e = e2;
        } else if (Double.isNaN(e2)) {
            e = e1;
        } else {
            e = Math.max(e1, e2);
        }
        return Double.isNaN(e) ? Double.NaN : Math.max(e, 0.0);
    }

    int positives() {
        return positives;
    }

    int negatives() {
        return negatives;
    }

    /** The epsilon of a rule with {@code fp} false positives and {@code fn} false negatives, NaN if discarded. */
    double lookup(int fp, int fn) {
        return table[fp * (positives + 1) + fn];
    }
}
