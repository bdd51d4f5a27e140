package org.lethe.audit;

import java.util.Arrays;

/**
 * The ROC curve of a membership-inference attack: members (examples the model trained on) against non-members,
 * where a higher score means "more likely a member" and the attack predicts "member" when score {@code >= t}.
 *
 * <p>The curve has one vertex per distinct score (descending), starting at (0, 0) and ending at (1, 1). Tied
 * member and non-member scores make a diagonal segment, so the area under the piecewise-linear curve equals
 * the probability that a random member outscores a random non-member with ties counted half (the Mann-Whitney
 * statistic); {@link #auc()} computes it exactly, in integer counts with one final division.
 *
 * <p>{@link #tprAtFpr} interpolates linearly between the two vertices around the requested FPR: that is the TPR of
 * the randomised mixture of their two thresholds, the best any attack built from this score achieves at exactly that
 * FPR. {@link #tprAtFprStep} instead reads the step function (the largest TPR of a single threshold with FPR at most
 * the target), which is what LiRA's published numbers use; it is lower or equal.
 */
public final class RocCurve {
    private final int members;
    private final int nonMembers;
    private final double[] thresholds;
    private final long[] truePositives;
    private final long[] falsePositives;
    private final double auc;

    private RocCurve(int members, int nonMembers, double[] thresholds, long[] tp, long[] fp) {
        this.members = members;
        this.nonMembers = nonMembers;
        this.thresholds = thresholds;
        this.truePositives = tp;
        this.falsePositives = fp;
        long twiceArea = 0;
        for (int k = 1; k < tp.length; k++) {
            twiceArea += (fp[k] - fp[k - 1]) * (tp[k] + tp[k - 1]);
        }
        this.auc = twiceArea / (2.0 * members * (double) nonMembers);
    }

    /** The curve of {@code memberScores} against {@code nonMemberScores} (each non-empty, no NaN). */
    public static RocCurve of(double[] memberScores, double[] nonMemberScores) {
        if (memberScores.length == 0 || nonMemberScores.length == 0) {
            throw new IllegalArgumentException("ROC curve needs at least one member and one non-member score, got "
                    + memberScores.length + " and " + nonMemberScores.length);
        }
        double[] m = sortedDescending(memberScores, "member");
        double[] n = sortedDescending(nonMemberScores, "non-member");
        int cap = m.length + n.length + 1;
        double[] thr = new double[cap];
        long[] tp = new long[cap];
        long[] fp = new long[cap];
        thr[0] = Double.POSITIVE_INFINITY;
        int count = 1;
        int i = 0;
        int j = 0;
        while (i < m.length || j < n.length) {
            double t = j >= n.length || (i < m.length && m[i] >= n[j]) ? m[i] : n[j];
            while (i < m.length && m[i] == t) {
                i++;
            }
            while (j < n.length && n[j] == t) {
                j++;
            }
            thr[count] = t;
            tp[count] = i;
            fp[count] = j;
            count++;
        }
        return new RocCurve(m.length, n.length, Arrays.copyOf(thr, count), Arrays.copyOf(tp, count),
                Arrays.copyOf(fp, count));
    }

    /** Area under the curve: P(member score > non-member score) + P(equal) / 2. */
    public double auc() {
        return auc;
    }

    /** The TPR at false-positive rate {@code fpr} in [0, 1], interpolated linearly between vertices. */
    public double tprAtFpr(double fpr) {
        int k = lastVertexAtMost(fpr);
        if (k == thresholds.length - 1 || fprAt(k) == fpr) {
            return tprAt(k);
        }
        double f0 = fprAt(k);
        double f1 = fprAt(k + 1);
        return tprAt(k) + (fpr - f0) * (tprAt(k + 1) - tprAt(k)) / (f1 - f0);
    }

    /** The largest TPR of a single threshold whose FPR is at most {@code fpr} (no interpolation). */
    public double tprAtFprStep(double fpr) {
        return tprAt(lastVertexAtMost(fpr));
    }

    /** The vertices' false-positive rates, from 0 to 1. */
    public double[] fprs() {
        double[] out = new double[thresholds.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = fprAt(k);
        }
        return out;
    }

    /** The vertices' true-positive rates, from 0 to 1. */
    public double[] tprs() {
        double[] out = new double[thresholds.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = tprAt(k);
        }
        return out;
    }

    /** The vertices' thresholds (predict member when score {@code >=} it), descending from +infinity. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The number of member scores. */
    public int numMembers() {
        return members;
    }

    /** The number of non-member scores. */
    public int numNonMembers() {
        return nonMembers;
    }

    private double fprAt(int k) {
        return falsePositives[k] / (double) nonMembers;
    }

    private double tprAt(int k) {
        return truePositives[k] / (double) members;
    }

    // The vertices are sorted by FPR, and among equal FPRs by TPR, so the last one at or below the target has the
    // highest TPR there.
    private int lastVertexAtMost(double fpr) {
        if (!(fpr >= 0 && fpr <= 1)) {
            throw new IllegalArgumentException("false-positive rate must be in [0, 1], got " + fpr);
        }
        int lo = 0;
        int hi = thresholds.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fprAt(mid) <= fpr) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static double[] sortedDescending(double[] scores, String which) {
        double[] s = scores.clone();
        for (double v : s) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("ROC curve: a " + which + " score is NaN");
            }
        }
        Arrays.sort(s);
        for (int a = 0, b = s.length - 1; a < b; a++, b--) {
            double t = s[a];
            s[a] = s[b];
            s[b] = t;
        }
        return s;
    }
}
