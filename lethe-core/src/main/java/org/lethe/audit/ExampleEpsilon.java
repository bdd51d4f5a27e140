package org.lethe.audit;

import java.util.Arrays;

/**
 * The per-example part of {@link ForgetQuality}: the best epsilon any decision rule of the two families certifies
 * for one forget example. One instance serves many examples with the same model counts (it keeps the rule tables
 * and a buffer); it is not thread-safe.
 *
 * <p>Rules are counted, not scanned: each distribution is sorted once, and the number of confidences at most
 * (or below) a moving threshold is kept by a pointer that walks from the previous threshold's position. Grids move
 * in small steps, so the interval family costs O(R * (400 + N)) per example instead of O(R * 400 * N).
 */
final class ExampleEpsilon {
    private final int numUnlearned;
    private final int numRetrained;
    private final RuleEpsilons unlearnedPositive;
    private final RuleEpsilons retrainedPositive;
    private final double[] lefts = new double[ForgetQuality.LEFT_EDGES];

    ExampleEpsilon(int numUnlearned, int numRetrained) {
        this.numUnlearned = numUnlearned;
        this.numRetrained = numRetrained;
        this.unlearnedPositive = new RuleEpsilons(numUnlearned, numRetrained, ForgetQuality.DELTA);
        this.retrainedPositive = numUnlearned == numRetrained
                ? unlearnedPositive
                : new RuleEpsilons(numRetrained, numUnlearned, ForgetQuality.DELTA);
    }

    /** The example's epsilon in [0, {@link ForgetQuality#EPSILON_CAP}]. */
    double epsilon(double[] unlearned, double[] retrained) {
        if (unlearned.length != numUnlearned || retrained.length != numRetrained) {
            throw new IllegalArgumentException("forget quality: expected " + numUnlearned + " unlearned and "
                    + numRetrained + " retrained confidences, got " + unlearned.length + " and " + retrained.length);
        }
        double[] sortedUnlearned = sortedFinite(unlearned, "unlearned");
        double[] sortedRetrained = sortedFinite(retrained, "retrained");
        requireSpanWithinLimit(sortedUnlearned, sortedRetrained);
        boolean retrainedIsPositive = median(sortedRetrained) > median(sortedUnlearned);
        double[] pos = retrainedIsPositive ? sortedRetrained : sortedUnlearned;
        double[] neg = retrainedIsPositive ? sortedUnlearned : sortedRetrained;
        RuleEpsilons posTable = retrainedIsPositive ? retrainedPositive : unlearnedPositive;
        RuleEpsilons negTable = retrainedIsPositive ? unlearnedPositive : retrainedPositive;

        double posRange = range(pos);
        double negRange = range(neg);
        double largest = posRange > negRange ? posRange : negRange;
        double smallest = posRange > negRange ? negRange : posRange;
        // Written as a division on purpose: with both ranges 0 it is NaN and the test fails, as in the reference.
        if (smallest / largest < ForgetQuality.DEGENERATE_SPREAD_RATIO) {
            return ForgetQuality.EPSILON_CAP;
        }

        // The interval family predicts the peakier distribution (on a tie, the negative one) inside [l, r].
        boolean negIsPeakier = posRange >= negRange;
        double best = intervalRules(negIsPeakier ? neg : pos, negIsPeakier ? pos : neg, smallest,
                negIsPeakier ? negTable : posTable);
        if (best != Double.POSITIVE_INFINITY) {
            best = Math.max(best, thresholdRules(pos, neg, posTable));
        }
        if (best < 0) {
            // No rule was kept; the reference stops with an assertion here (see ForgetQuality).
            return 0.0;
        }
        return Math.min(best, ForgetQuality.EPSILON_CAP);
    }

    /** Largest kept epsilon of the interval rules, or -1 when none is kept. */
    private double intervalRules(double[] peaky, double[] other, double width, RuleEpsilons table) {
        // One sorted array of both distributions with prefix counts of each: a single pointer then gives both
        // counts below a left edge, and an unchanged pointer means an already evaluated rule.
        int nPeaky = peaky.length;
        int total = nPeaky + other.length;
        double[] merged = new double[total];
        int[] peakyBefore = new int[total + 1];
        for (int i = 0, j = 0, k = 0; k < total; k++) {
            boolean takePeaky = j >= other.length || (i < nPeaky && peaky[i] <= other[j]);
            merged[k] = takePeaky ? peaky[i++] : other[j++];
            peakyBefore[k + 1] = peakyBefore[k] + (takePeaky ? 1 : 0);
        }

        double buffer = ForgetQuality.INTERVAL_BUFFER;
        double minRight = peaky[0] + width - buffer;
        double maxRight = peaky[nPeaky - 1] + buffer;
        double[] rights = Linspace.of(minRight, maxRight,
                Linspace.countPerUnit(minRight, maxRight, ForgetQuality.THRESHOLDS_PER_UNIT));
        double best = -1;
        int atMostRight = 0;
        int belowFirstLeft = 0;
        for (double r : rights) {
            atMostRight = countAtMost(merged, r, atMostRight);
            int peakyAtMost = peakyBefore[atMostRight];
            int otherAtMost = atMostRight - peakyAtMost;
            Linspace.fill(r - width - buffer, r - width + buffer, lefts);
            belowFirstLeft = countBelow(merged, lefts[0], belowFirstLeft);
            int below = belowFirstLeft;
            int lastBelow = -1;
            for (double l : lefts) {
                if (l > r) {
                    // Empty interval from here on: nothing predicted positive, so FPR = 0 < FNR = 1: discarded.
                    break;
                }
                below = countBelow(merged, l, below);
                if (below == lastBelow) {
                    continue;
                }
                lastBelow = below;
                int tp = Math.max(0, peakyAtMost - peakyBefore[below]);
                int fp = Math.max(0, otherAtMost - (below - peakyBefore[below]));
                double e = table.lookup(fp, nPeaky - tp);
                if (e > best) {
                    best = e;
                    if (best == Double.POSITIVE_INFINITY) {
                        return best;
                    }
                }
            }
        }
        return best;
    }

    /** Largest kept epsilon of the single-threshold rules (positive when conf >= t), or -1 when none is kept. */
    private static double thresholdRules(double[] pos, double[] neg, RuleEpsilons table) {
        double lo = Math.min(pos[0], neg[0]);
        double hi = Math.max(pos[pos.length - 1], neg[neg.length - 1]);
        double[] thresholds = Linspace.of(lo, hi, Linspace.countPerUnit(lo, hi, ForgetQuality.THRESHOLDS_PER_UNIT));
        double best = -1;
        int posBelow = 0;
        int negBelow = 0;
        for (double t : thresholds) {
            posBelow = countBelow(pos, t, posBelow);
            negBelow = countBelow(neg, t, negBelow);
            double e = table.lookup(neg.length - negBelow, posBelow);
            if (e > best) {
                best = e;
                if (best == Double.POSITIVE_INFINITY) {
                    return best;
                }
            }
        }
        return best;
    }

    /** The number of values in ascending {@code sorted} that are {@code < x}, searched from {@code guess}. */
    static int countBelow(double[] sorted, double x, int guess) {
        int k = guess;
        while (k > 0 && sorted[k - 1] >= x) {
            k--;
        }
        while (k < sorted.length && sorted[k] < x) {
            k++;
        }
        return k;
    }

    /** The number of values in ascending {@code sorted} that are {@code <= x}, searched from {@code guess}. */
    static int countAtMost(double[] sorted, double x, int guess) {
        int k = guess;
        while (k > 0 && sorted[k - 1] > x) {
            k--;
        }
        while (k < sorted.length && sorted[k] <= x) {
            k++;
        }
        return k;
    }

    /** NumPy's median of sorted values: the middle one, or the mean of the two middle ones. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    // The grids grow with the span (100 thresholds per unit, 400 rules per right edge): an absurd span would run
    // for hours, and logit-scaled confidences cannot produce one.
    private static void requireSpanWithinLimit(double[] sortedUnlearned, double[] sortedRetrained) {
        double lo = Math.min(sortedUnlearned[0], sortedRetrained[0]);
        double hi = Math.max(sortedUnlearned[sortedUnlearned.length - 1], sortedRetrained[sortedRetrained.length - 1]);
        if (hi - lo > ForgetQuality.MAX_CONFIDENCE_SPAN) {
            throw new IllegalArgumentException("forget quality: confidences of one example span " + (hi - lo)
                    + " (from " + lo + " to " + hi + "); logit-scaled confidences lie within +-104, so these are "
                    + "something else (logits? losses?)");
        }
    }

    private static double range(double[] sorted) {
        return sorted[sorted.length - 1] - sorted[0];
    }

    private static double[] sortedFinite(double[] values, String which) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("forget quality: " + which + " confidence of model " + i
                        + " is not finite: " + values[i]);
            }
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
