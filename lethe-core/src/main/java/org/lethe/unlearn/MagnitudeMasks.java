package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.List;

/**
 * Choices of the elements with the smallest absolute scores (weights for magnitude pruning, gradients for
 * saliency), within one array or across several at once. Ties go to the earlier element, so choices are
 * deterministic.
 */
public final class MagnitudeMasks {
    private MagnitudeMasks() {
    }

    /** True for the {@code round(fraction * n)} elements of {@code scores} with the smallest absolute values. */
    public static boolean[] smallest(double[] scores, double fraction) {
        return smallestAcross(List.of(scores), fraction).get(0);
    }

    /**
     * True for the {@code round(fraction * total)} elements with the smallest absolute values among all of
     * {@code scores} together (global pruning), one mask per array.
     */
    public static List<boolean[]> smallestAcross(List<double[]> scores, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a fraction of elements must be in [0, 1], got " + fraction);
        }
        int total = 0;
        for (double[] s : scores) {
            total += s.length;
        }
        double[] magnitude = new double[total];
        int k = 0;
        for (double[] s : scores) {
            for (double v : s) {
                magnitude[k] = Math.abs(v);
                k++;
            }
        }
        // The count-th smallest magnitude is the threshold: everything below it is chosen, then elements equal to
        // it in order until the count is reached (a primitive sort; boxed index sorts were most of the method's time).
        boolean[] chosen = new boolean[total];
        int count = (int) Math.round(fraction * total);
        if (count > 0) {
            double[] sorted = magnitude.clone();
            java.util.Arrays.sort(sorted);
            double threshold = sorted[count - 1];
            int below = 0;
            for (int i = 0; i < total; i++) {
                if (magnitude[i] < threshold) {
                    chosen[i] = true;
                    below++;
                }
            }
            for (int i = 0; i < total && below < count; i++) {
                if (magnitude[i] == threshold) {
                    chosen[i] = true;
                    below++;
                }
            }
        }
        List<boolean[]> out = new ArrayList<>();
        int offset = 0;
        for (double[] s : scores) {
            out.add(java.util.Arrays.copyOfRange(chosen, offset, offset + s.length));
            offset += s.length;
        }
        return out;
    }
}
