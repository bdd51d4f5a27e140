package org.lethe.audit;

/**
 * Utility measures of a classifier, from its logits (one row per example, one column per class, in double
 * precision): accuracy on a set, overall and per class; and how closely it follows a reference model (typically
 * one retrained without the forget set): the fraction of examples on which both predict the same class, and the
 * mean Kullback-Leibler divergence {@code KL(reference || model)} of their predicted distributions.
 *
 * <p>Softmaxes are computed in double precision after subtracting the row's largest logit, as log-softmax, so a
 * probability that underflows to 0 never produces an infinite or undefined term. Ties in the predicted class go to
 * the lowest index, as everywhere in Lethe.
 */
public final class Utility {
    private Utility() {
    }

    /** Accuracy of {@code logits} against {@code labels} over {@code classes} classes, overall and per class. */
    public static ClassAccuracy accuracy(double[][] logits, int[] labels, int classes) {
        if (logits.length != labels.length) {
            throw new IllegalArgumentException("accuracy: " + logits.length + " rows of logits but " + labels.length
                    + " labels");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("accuracy needs at least one class, got " + classes);
        }
        int[] correct = new int[classes];
        int[] total = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("accuracy: label " + y + " of row " + i + " is out of range for "
                        + classes + " classes");
            }
            total[y]++;
            if (argmax(logits[i]) == y) {
                correct[y]++;
            }
        }
        return new ClassAccuracy(correct, total);
    }

    /** The fraction of rows on which {@code model} and {@code reference} predict the same class; NaN without rows. */
    public static double agreement(double[][] model, double[][] reference) {
        requireSameShape(model, reference, "agreement");
        if (model.length == 0) {
            return Double.NaN;
        }
        int same = 0;
        for (int i = 0; i < model.length; i++) {
            if (argmax(model[i]) == argmax(reference[i])) {
                same++;
            }
        }
        return same / (double) model.length;
    }

    /** The mean over rows of {@code KL(softmax(reference) || softmax(model))}, in nats; NaN without rows. */
    public static double meanKlDivergence(double[][] reference, double[][] model) {
        requireSameShape(model, reference, "KL divergence");
        if (model.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < model.length; i++) {
            sum += klDivergence(reference[i], model[i]);
        }
        return sum / model.length;
    }

    /** {@code KL(softmax(reference) || softmax(model)) = sum_j p_j (log p_j - log q_j)}, in nats. */
    public static double klDivergence(double[] reference, double[] model) {
        if (reference.length != model.length) {
            throw new IllegalArgumentException("KL divergence: " + reference.length + " reference logits but "
                    + model.length + " model logits");
        }
        double[] logP = logSoftmax(reference);
        double[] logQ = logSoftmax(model);
        double kl = 0;
        for (int j = 0; j < logP.length; j++) {
            double p = Math.exp(logP[j]);
            if (p > 0) {
                kl += p * (logP[j] - logQ[j]);
            }
        }
        // Rounding can leave a tiny negative value for identical distributions; the divergence is never negative.
        return Math.max(0.0, kl);
    }

    /** The log-softmax of one row in double precision, after subtracting its largest entry. */
    public static double[] logSoftmax(double[] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("softmax of an empty row");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("logits must be finite, got " + v);
            }
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        double logSum = Math.log(sum);
        double[] out = new double[logits.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = logits[j] - max - logSum;
        }
        return out;
    }

    /** The index of the largest entry, the first on ties. */
    public static int argmax(double[] row) {
        if (row.length == 0) {
            throw new IllegalArgumentException("argmax of an empty row");
        }
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    private static void requireSameShape(double[][] a, double[][] b, String what) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(what + ": " + a.length + " rows of model logits but " + b.length
                    + " of reference logits");
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + a[i].length
                        + " model logits but " + b[i].length + " reference logits");
            }
        }
    }
}
