package org.lethe.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

/**
 * The score matrices of weight matching for one pair of models, kept up to date as the permutations move.
 * Coordinate descent re-solves every group each sweep, but a group's scores depend only on the permutations of
 * the groups that share a weight with it, and after the first sweeps those move a few units at a time. So each
 * weight axis's product {@code rowsB rowsA^T} is kept and, when another group's move reorders some of the
 * positions it sums over, corrected by a product over those positions alone ({@code n x n x changed} instead of
 * {@code n x n x rest}); when most positions moved it is recomputed. Every product is a BLAS {@code dgemm} in
 * double precision over the (float) weights, so the corrections add rounding far below the weights' own and the
 * assignment is exact with respect to these scores.
 */
final class GroupScores {
    private final PermutationSpec spec;
    private final WeightSet a;
    private final List<List<Entry>> entries = new ArrayList<>();
    private final double[][] totals;
    private final boolean[] stale;

    GroupScores(PermutationSpec spec, WeightSet a, WeightSet b) {
        this.spec = spec;
        this.a = inDouble(a);
        WeightSet b64 = inDouble(b);
        for (PermutationGroup group : spec.groups()) {
            List<Entry> axes = new ArrayList<>();
            for (PermutedAxis axis : group.axes()) {
                axes.add(new Entry(axis, axis.unitsFirst(b64.get(axis.parameter()))));
            }
            entries.add(axes);
        }
        totals = new double[spec.groups().size()][];
        stale = new boolean[totals.length];
    }

    /**
     * {@code score[i][j]}: B's unit {@code i} against A's unit {@code j} of group {@code g} under the other groups'
     * permutations {@code perms}, row-major. The array is shared: callers must not modify it.
     */
    double[] scores(int g, int[][] perms) {
        boolean changed = totals[g] == null;
        for (Entry e : entries.get(g)) {
            changed |= e.update(g, perms);
        }
        if (changed) {
            double[] total = entries.get(g).get(0).product.clone();
            for (int k = 1; k < entries.get(g).size(); k++) {
                double[] p = entries.get(g).get(k).product;
                for (int i = 0; i < total.length; i++) {
                    total[i] += p[i];
                }
            }
            totals[g] = total;
        }
        stale[g] = changed;
        return totals[g];
    }

    /** Whether the last {@link #scores} of group {@code g} differed from the call before it (true at the first). */
    boolean changedAtLastCall(int g) {
        return stale[g];
    }

    private static WeightSet inDouble(WeightSet w) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : w.names()) {
            out.put(name, w.get(name).to(Real64.INSTANCE));
        }
        return WeightSet.owning(out);
    }

    private final class Entry {
        private final PermutedAxis axis;
        private final NDArray rowsB;
        private final double[] b;
        private final int units;
        private final int rest;
        private int[][] usedPerms;
        private double[] rowsA;
        private double[] product;

        Entry(PermutedAxis axis, NDArray rowsB) {
            this.axis = axis;
            this.rowsB = rowsB;
            this.b = rowsB.toDoubles();
            this.units = rowsB.dim(0);
            this.rest = rowsB.dim(1);
        }

        // Brings the product up to date with perms; true when it changed.
        boolean update(int g, int[][] perms) {
            int[][] relevant = relevantPerms(g, perms);
            if (product != null && Arrays.deepEquals(relevant, usedPerms)) {
                return false;
            }
            NDArray next = axis.unitsFirst(spec.permutedExcept(a, perms, axis.parameter(), g));
            double[] nextA = next.toDoubles();
            usedPerms = relevant;
            double[] before = rowsA;
            rowsA = nextA;
            int[] moved = product == null ? null : movedColumns(before, nextA);
            if (moved == null || 2 * moved.length >= rest) {
                product = rowsB.matmul(next, false, true).toDoubles();
                return true;
            }
            if (moved.length == 0) {
                return false;
            }
            correct(moved, before, nextA);
            return true;
        }

        // The positions (columns of rowsA) whose values differ between the two orders.
        private int[] movedColumns(double[] before, double[] after) {
            boolean[] differs = new boolean[rest];
            for (int i = 0; i < units; i++) {
                int row = i * rest;
                for (int r = 0; r < rest; r++) {
                    if (before[row + r] != after[row + r]) {
                        differs[r] = true;
                    }
                }
            }
            int count = 0;
            for (boolean d : differs) {
                count += d ? 1 : 0;
            }
            int[] out = new int[count];
            for (int r = 0, k = 0; r < rest; r++) {
                if (differs[r]) {
                    out[k++] = r;
                }
            }
            return out;
        }

        // product += rowsB[:, moved] (after[:, moved] - before[:, moved])^T: only the moved positions' terms change.
        private void correct(int[] moved, double[] before, double[] after) {
            int c = moved.length;
            double[] bc = new double[units * c];
            double[] dc = new double[units * c];
            for (int i = 0; i < units; i++) {
                int row = i * rest;
                for (int k = 0; k < c; k++) {
                    bc[i * c + k] = b[row + moved[k]];
                    dc[i * c + k] = after[row + moved[k]] - before[row + moved[k]];
                }
            }
            double[] delta = NDArray.of(Real64.INSTANCE, bc, units, c)
                    .matmul(NDArray.of(Real64.INSTANCE, dc, units, c), false, true).toDoubles();
            for (int i = 0; i < delta.length; i++) {
                product[i] += delta[i];
            }
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
