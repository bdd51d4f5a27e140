package org.lethe.audit;

import java.util.Arrays;

/**
 * The challenge's per-example epsilon written as literally as possible: every decision rule is applied to every
 * confidence, no sorting tricks, no tables. Slow (R * 400 * N per example), so only for small test inputs; it checks
 * the counting shortcuts of {@link ExampleEpsilon}.
 */
final class BruteForceEpsilon {
    private static final double DELTA = 1e-5;

    private double best;
    private boolean kept;

    private BruteForceEpsilon() {
    }

    static double of(double[] unlearned, double[] retrained) {
        boolean retrainedPositive = median(retrained) > median(unlearned);
        double[] pos = retrainedPositive ? retrained : unlearned;
        double[] neg = retrainedPositive ? unlearned : retrained;
        double posRange = max(pos) - min(pos);
        double negRange = max(neg) - min(neg);
        double largest = Math.max(posRange, negRange);
        double smallest = Math.min(posRange, negRange);
        if (smallest / largest < 0.01) {
            return 50;
        }
        BruteForceEpsilon search = new BruteForceEpsilon();
        double lo = Math.min(min(pos), min(neg));
        double hi = Math.max(max(pos), max(neg));
        for (double t : Linspace.of(lo, hi, (int) Math.ceil((hi - lo) * 100))) {
            int fn = 0;
            for (double c : pos) {
                fn += c >= t ? 0 : 1;
            }
            int fp = 0;
            for (double c : neg) {
                fp += c >= t ? 1 : 0;
            }
            search.consider((double) fp / neg.length, (double) fn / pos.length);
        }
        double[] peaky = posRange >= negRange ? neg : pos;
        double[] other = posRange >= negRange ? pos : neg;
        double width = smallest;
        double minRight = min(peaky) + width - 2;
        double maxRight = max(peaky) + 2;
        for (double r : Linspace.of(minRight, maxRight, (int) Math.ceil((maxRight - minRight) * 100))) {
            for (double l : Linspace.of(r - width - 2, r - width + 2, 400)) {
                int fn = 0;
                for (double c : peaky) {
                    fn += l <= c && c <= r ? 0 : 1;
                }
                int fp = 0;
                for (double c : other) {
                    fp += l <= c && c <= r ? 1 : 0;
                }
                search.consider((double) fp / other.length, (double) fn / peaky.length);
            }
        }
        if (!search.kept) {
            return 0;
        }
        return Math.min(Math.max(search.best, 0), 50);
    }

    private void consider(double fpr, double fnr) {
        double e;
        if (fpr == 0 && fnr == 0) {
            e = Double.POSITIVE_INFINITY;
        } else if (fpr == 0 || fnr == 0) {
            return;
        } else {
            double e1 = Math.log(1 - DELTA - fpr) - Math.log(fnr);
            double e2 = Math.log(1 - DELTA - fnr) - Math.log(fpr);
            if (Double.isNaN(e1) && Double.isNaN(e2)) {
                return;
            }
            e = Double.isNaN(e1) ? e2 : Double.isNaN(e2) ? e1 : Math.max(e1, e2);
            e = Math.max(e, 0);
        }
        best = kept ? Math.max(best, e) : e;
        kept = true;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().getAsDouble();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().getAsDouble();
    }
}
