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
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(magnitude[a], magnitude[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        boolean[] chosen = new boolean[total];
        int count = (int) Math.round(fraction * total);
        for (int i = 0; i < count; i++) {
            chosen[order[i]] = true;
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
