package org.lethe.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lethe.tensor.NDArray;

/**
 * The score matrices of weight matching for one pair of models, with each weight axis's product kept until a
 * group that also permutes that weight moves. Coordinate descent re-solves every group each sweep while most
 * permutations stay put, so most products (the 784-wide input layer's always) are reused; the sums are formed in
 * the same order as a fresh computation, so the scores are bit-identical to it.
 */
final class GroupScores {
    private final PermutationSpec spec;
    private final WeightSet a;
    private final List<List<Entry>> entries = new ArrayList<>();

    GroupScores(PermutationSpec spec, WeightSet a, WeightSet b) {
        this.spec = spec;
        this.a = a;
        for (PermutationGroup group : spec.groups()) {
            List<Entry> axes = new ArrayList<>();
            for (PermutedAxis axis : group.axes()) {
                axes.add(new Entry(axis, axis.unitsFirst(b.get(axis.parameter()))));
            }
            entries.add(axes);
        }
    }

    /** {@code score[i][j]}: B's unit {@code i} against A's unit {@code j} of group {@code g}, row-major. */
    double[] scores(int g, int[][] perms) {
        NDArray total = null;
        for (Entry e : entries.get(g)) {
            NDArray s = e.product(g, perms);
            total = total == null ? s.copy() : total.addInPlace(s);
        }
        return total.toDoubles();
    }

    private final class Entry {
        private final PermutedAxis axis;
        private final NDArray rowsB;
        private int[][] usedPerms;
        private NDArray product;

        Entry(PermutedAxis axis, NDArray rowsB) {
            this.axis = axis;
            this.rowsB = rowsB;
        }

        NDArray product(int g, int[][] perms) {
            int[][] relevant = relevantPerms(g, perms);
            if (product == null || !Arrays.deepEquals(relevant, usedPerms)) {
                NDArray rowsA = axis.unitsFirst(spec.permutedExcept(a, perms, axis.parameter(), g));
                product = rowsB.matmul(rowsA, false, true);
                usedPerms = relevant;
            }
            return product;
        }

        // The permutations of the other groups that reorder this weight: the only ones the product depends on.
        private int[][] relevantPerms(int g, int[][] perms) {
            int[][] out = new int[perms.length][];
            for (int other = 0; other < perms.length; other++) {
                if (other != g && spec.groups().get(other).axes().stream()
                        .anyMatch(x -> x.parameter().equals(axis.parameter()))) {
                    out[other] = perms[other].clone();
                }
            }
            return out;
        }
    }
}
