package org.lethe.data;

import java.util.Arrays;
import org.lethe.tensor.Rng;

/**
 * A deterministic train/validation/test partition of example indices. Indices are shuffled with the seed, cut by
 * the fractions, and each part is sorted, so parts keep the original example order. The same seed and size give
 * the same split on every platform.
 */
public final class Split {
    private final int[] train;
    private final int[] validation;
    private final int[] test;

    private Split(int[] train, int[] validation, int[] test) {
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /**
     * Splits {@code examples} by fractions that are non-negative and sum to 1. Train and validation sizes are the
     * rounded products with the size; test takes the rest.
     */
    public static Split of(Examples examples, double trainFraction, double validationFraction, double testFraction, long seed) {
        return of(examples.size(), trainFraction, validationFraction, testFraction, seed);
    }

    /** As {@link #of(Examples, double, double, double, long)} for {@code n} examples. */
    public static Split of(int n, double trainFraction, double validationFraction, double testFraction, long seed) {
        if (!(trainFraction >= 0 && validationFraction >= 0 && testFraction >= 0)
                || Math.abs(trainFraction + validationFraction + testFraction - 1.0) > 1e-9) {
            throw new IllegalArgumentException("split fractions must be non-negative and sum to 1, got "
                    + trainFraction + " / " + validationFraction + " / " + testFraction);
        }
        int nTrain = (int) Math.min(n, Math.round(n * trainFraction));
        int nVal = (int) Math.min(n - nTrain, Math.round(n * validationFraction));
        int[] perm = new Rng(seed).permutation(n);
        int[] tr = Arrays.copyOfRange(perm, 0, nTrain);
        int[] va = Arrays.copyOfRange(perm, nTrain, nTrain + nVal);
        int[] te = Arrays.copyOfRange(perm, nTrain + nVal, n);
        Arrays.sort(tr);
        Arrays.sort(va);
        Arrays.sort(te);
        return new Split(tr, va, te);
    }

    /** Training indices, ascending (a copy). */
    public int[] train() {
        return train.clone();
    }

    /** Validation indices, ascending (a copy). */
    public int[] validation() {
        return validation.clone();
    }

    /** Test indices, ascending (a copy). */
    public int[] test() {
        return test.clone();
    }

    @Override
    public String toString() {
        return "split " + train.length + " / " + validation.length + " / " + test.length;
    }
}
