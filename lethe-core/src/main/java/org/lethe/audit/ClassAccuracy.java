package org.lethe.audit;

import java.util.ArrayList;
import java.util.List;
import org.lethe.audit.json.UtilitySection;

/** Accuracy of a classifier on a set of examples, overall and per class (by true label). */
public final class ClassAccuracy implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] correct;
    private final int[] total;

    /** Counts per class: {@code correct[c]} of {@code total[c]} examples of class c were predicted right. */
    public ClassAccuracy(int[] correct, int[] total) {
        if (correct.length != total.length) {
            throw new IllegalArgumentException("per-class counts disagree: " + correct.length + " classes of correct "
                    + "predictions but " + total.length + " of totals");
        }
        for (int c = 0; c < total.length; c++) {
            if (correct[c] < 0 || correct[c] > total[c]) {
                throw new IllegalArgumentException("class " + c + ": " + correct[c] + " correct of " + total[c]);
            }
        }
        this.correct = correct.clone();
        this.total = total.clone();
    }

    /** The number of classes. */
    public int classes() {
        return total.length;
    }

    /** The number of examples. */
    public int count() {
        int n = 0;
        for (int t : total) {
            n += t;
        }
        return n;
    }

    /** The fraction predicted right; NaN without examples. */
    public double overall() {
        int right = 0;
        for (int c : correct) {
            right += c;
        }
        int n = count();
        return n == 0 ? Double.NaN : right / (double) n;
    }

    /** The accuracy of each class; NaN for a class without examples. */
    public double[] perClass() {
        double[] out = new double[total.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = total[c] == 0 ? Double.NaN : correct[c] / (double) total[c];
        }
        return out;
    }

    /** Examples of each class. */
    public int[] totals() {
        return total.clone();
    }

    /** Right predictions of each class. */
    public int[] correct() {
        return correct.clone();
    }

    /** Its {@code audit.json} form: overall and per-class accuracy (null where undefined) and counts. */
    public UtilitySection.Accuracy toSection() {
        List<Double> per = new ArrayList<>();
        for (double a : perClass()) {
            per.add(finiteOrNull(a));
        }
        List<Integer> counts = new ArrayList<>();
        for (int t : total) {
            counts.add(t);
        }
        return new UtilitySection.Accuracy(finiteOrNull(overall()), count(), per, counts);
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
