package org.lethe.unlearn;

import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.tensor.NDArray;

/**
 * Per-class weights of a cross-entropy, from the class counts of a pool of examples: balanced ({@code n / (C *
 * count)}, rare classes weigh more) or a power of the counts. The weighted loss divides by the batch's total
 * weight (PyTorch's convention), so weights change the balance between classes but not the loss's scale.
 */
public final class ClassWeights {
    private final double[] weights;

    private ClassWeights(double[] weights) {
        this.weights = weights;
    }

    /** Balanced weights {@code n / (C * count_c)} over the classes present in {@code pool}; absent classes weigh 0. */
    public static ClassWeights balanced(Dataset data, int[] pool) {
        long[] counts = counts(data, pool);
        int present = 0;
        for (long c : counts) {
            present += c > 0 ? 1 : 0;
        }
        double[] w = new double[counts.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = counts[k] == 0 ? 0 : pool.length / (present * (double) counts[k]);
        }
        return new ClassWeights(w);
    }

    /** Weights {@code count_c ^ exponent} (a negative exponent favours rare classes); absent classes weigh 0. */
    public static ClassWeights powerOfCounts(Dataset data, int[] pool, double exponent) {
        long[] counts = counts(data, pool);
        double[] w = new double[counts.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = counts[k] == 0 ? 0 : Math.pow(counts[k], exponent);
        }
        return new ClassWeights(w);
    }

    private static long[] counts(Dataset data, int[] pool) {
        long[] counts = new long[data.classCount()];
        for (int i : pool) {
            counts[data.label(i)]++;
        }
        return counts;
    }

    /** The weight of class {@code k}. */
    public double of(int k) {
        return weights[k];
    }

    /** The cross-entropy of {@code logits} against {@code labels}, each example weighted by its class. */
    public Tensor crossEntropy(Tensor logits, int[] labels) {
        double[] w = new double[labels.length];
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            w[i] = weights[labels[i]];
            total += w[i];
        }
        if (total > 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= labels.length / total;
            }
        }
        return Functional.crossEntropy(logits, labels, Tensor.constant(NDArray.of(logits.algebra(), w, labels.length)));
    }
}
