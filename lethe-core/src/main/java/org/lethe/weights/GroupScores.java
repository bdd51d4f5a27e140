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
    private final List<List<Entry>> entries = new ArrayList<>();
    private final double[][] totals;
    private final boolean[] changedAtLast;

    GroupScores(PermutationSpec spec, WeightSet a, WeightSet b) {
        this.spec = spec;
        WeightSet a64 = inDouble(a);
        WeightSet b64 = inDouble(b);
        for (PermutationGroup group : spec.groups()) {
            List<Entry> axes = new ArrayList<>();
            for (PermutedAxis axis : group.axes()) {
                axes.add(new Entry(axis, a64.get(axis.parameter()), axis.unitsFirst(b64.get(axis.parameter()))));
            }
            entries.add(axes);
        }
        totals = new double[spec.groups().size()][];
        changedAtLast = new boolean[totals.length];
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
        changedAtLast[g] = changed;
        return totals[g];
    }

    /** Whether the last {@link #scores} of group {@code g} differed from the call before it (true at the first). */
    boolean changedAtLastCall(int g) {
        return changedAtLast[g];
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
        private final int[] shape;
        private final NDArray rowsB;
        private final double[] b;
        // A's weight in units-first layout before any permutation; every order of it is a reordering of columns.
        private final double[] rowsA0;
        private final int units;
        private final int rest;
        private int[][] usedPerms;
        private int[] columns;
        private double[] product;

        Entry(PermutedAxis axis, NDArray weightA, NDArray rowsB) {
            this.axis = axis;
            this.shape = weightA.shape();
            this.rowsB = rowsB;
            this.b = rowsB.toDoubles();
            this.rowsA0 = axis.unitsFirst(weightA).toDoubles();
            this.units = rowsB.dim(0);
            this.rest = rowsB.dim(1);
        }

        // Brings the product up to date with perms; true when it changed.
        boolean update(int g, int[][] perms) {
            int[][] relevant = relevantPerms(g, perms);
            if (product != null && Arrays.deepEquals(relevant, usedPerms)) {
                return false;
            }
            usedPerms = relevant;
            int[] before = columns;
            columns = columns(g, perms);
            int[] moved = product == null ? null : moved(before, columns);
            if (moved == null || 2 * moved.length >= rest) {
                double[] rowsA = new double[units * rest];
                for (int i = 0; i < units; i++) {
                    int row = i * rest;
                    for (int r = 0; r < rest; r++) {
                        rowsA[row + r] = rowsA0[row + columns[r]];
                    }
                }
                product = rowsB.matmul(NDArray.of(Real64.INSTANCE, rowsA, units, rest), false, true).toDoubles();
                return true;
            }
            if (moved.length == 0) {
                return false;
            }
            correct(moved, before, columns);
            return true;
        }

        // Column r of A's weight in units-first layout, under every group's permutation but g's, is column
        // columns[r] of rowsA0: the other groups reorder the same positions of every unit.
        private int[] columns(int g, int[][] perms) {
            int[] out = new int[rest];
            for (int r = 0; r < rest; r++) {
                int flat = axis.flat(0, r, shape);
                // permutedExcept applies the groups in order, so the last one applied is undone first.
                for (int other = perms.length - 1; other >= 0; other--) {
                    if (other == g) {
                        continue;
                    }
                    for (PermutedAxis x : spec.groups().get(other).axes()) {
                        if (x.parameter().equals(axis.parameter())) {
                            flat = x.source(flat, shape, perms[other]);
                        }
                    }
                }
                out[r] = axis.restOf(flat, shape);
            }
            return out;
        }

        private int[] moved(int[] before, int[] after) {
            int count = 0;
            for (int r = 0; r < rest; r++) {
                count += before[r] != after[r] ? 1 : 0;
            }
            int[] out = new int[count];
            for (int r = 0, k = 0; r < rest; r++) {
                if (before[r] != after[r]) {
                    out[k++] = r;
                }
            }
            return out;
        }

        // product += rowsB[:, moved] (rowsA[:, moved] now - rowsA[:, moved] before)^T: only those terms change.
        private void correct(int[] moved, int[] before, int[] after) {
            int c = moved.length;
            double[] bc = new double[units * c];
            double[] dc = new double[units * c];
            for (int i = 0; i < units; i++) {
                int row = i * rest;
                for (int k = 0; k < c; k++) {
                    int r = moved[k];
                    bc[i * c + k] = b[row + r];
                    dc[i * c + k] = rowsA0[row + after[r]] - rowsA0[row + before[r]];
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
