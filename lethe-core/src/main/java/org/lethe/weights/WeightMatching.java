package org.lethe.weights;

import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/**
 * Weight matching (Ainsworth, Hayase and Srinivasa, "Git Re-Basin", ICLR 2023): permutes the hidden units of A to
 * maximise {@code sum over weights of <W_B, P W_A>}, i.e. for each layer
 * {@code <W_l^B, P_l W_l^A P_{l-1}^T> + <b_l^B, P_l b_l^A>}. Coordinate descent over the permutation groups in a
 * seeded random order per sweep: with the other groups fixed, one group's best permutation is an exact linear
 * assignment ({@link LinearAssignment}) over the score matrix of unit-to-unit inner products. Sweeps continue
 * until no group improves; further restarts begin from seeded random permutations and the best result is kept.
 */
public final class WeightMatching {
    /** Maximum sweeps per start; descent usually stops after a handful. */
    public static final int MAX_SWEEPS = 100;
    /**
     * The relative gain of a group's score below which the group counts as not improved: descent stops when a
     * whole sweep gains less than this at every group.
     */
    public static final double IMPROVEMENT = 1e-9;

    private WeightMatching() {
    }

    /**
     * Aligns {@code a} to {@code b} under {@code spec}.
     *
     * @param restarts extra starts from random permutations (0: only the identity start)
     * @param seed     the seed of the layer orders and random starts
     */
    public static Alignment align(PermutationSpec spec, WeightSet a, WeightSet b, int restarts, long seed) {
        return align(spec, a, b, restarts, seed, Solver.FAST);
    }

    /**
     * How each coordinate-descent step is computed. Both solve every step exactly and give the same permutations
     * unless the optimum is tied or within the float rounding of the reference's scores; the reference is kept so
     * that benchmarks can time the fast path against it in one run.
     */
    public enum Solver {
        /**
         * Score products in double precision, kept and corrected for only the units that moved
         * ({@link GroupScores}); a group whose scores did not change since its last step is not re-solved (that
         * step left it optimal); {@link LinearAssignment}.
         */
        FAST,
        /**
         * Every score product recomputed (in the weights' precision) at every step and every group solved; the
         * first, slower exact assignment solver.
         */
        REFERENCE
    }

    /** As {@link #align(PermutationSpec, WeightSet, WeightSet, int, long)}, computed by {@code solver}. */
    public static Alignment align(PermutationSpec spec, WeightSet a, WeightSet b, int restarts, long seed,
                                  Solver solver) {
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be >= 0, got " + restarts);
        }
        a.requireSameLayout(b, "model aligned to");
        spec.check(a);
        long start = System.nanoTime();
        int[][] best = null;
        double bestObjective = Double.NEGATIVE_INFINITY;
        int totalSweeps = 0;
        for (int r = 0; r <= restarts; r++) {
            Rng rng = new Rng(Rng.derive(seed, r));
            int[][] perms = spec.identity();
            if (r > 0) {
                for (int g = 0; g < perms.length; g++) {
                    perms[g] = rng.permutation(perms[g].length);
                }
            }
            totalSweeps += descend(spec, a, b, perms, rng, solver);
            double objective = b.dot(spec.apply(a, perms));
            if (objective > bestObjective) {
                bestObjective = objective;
                best = perms;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Alignment("weights", best, totalSweeps, restarts + 1, bestObjective, seconds, spec.apply(a, best));
    }

    // Coordinate descent from perms (updated in place); returns the sweeps taken.
    private static int descend(PermutationSpec spec, WeightSet a, WeightSet b, int[][] perms, Rng rng, Solver solver) {
        GroupScores scores = solver == Solver.FAST ? new GroupScores(spec, a, b) : null;
        int groups = perms.length;
        // Each group's column potentials carry over to its next solve, which differs only by the other groups' moves.
        double[][] potentials = new double[groups][];
        for (int g = 0; g < groups; g++) {
            potentials[g] = new double[perms[g].length];
            potentials[g][0] = Double.NaN;
        }
        for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
            boolean improved = false;
            for (int g : rng.permutation(groups)) {
                PermutationGroup group = spec.groups().get(g);
                double[] score = scores == null ? scores(spec, group, g, a, perms, b) : scores.scores(g, perms);
                int n = group.size();
                if (scores != null && !scores.changedAtLastCall(g)) {
                    // The same scores as at this group's last step, which left it optimal (or within the margin).
                    continue;
                }
                int[] candidate = solver == Solver.FAST
                        ? LinearAssignment.maximise(score, n, potentials[g], perms[g])
                        : ReferenceAssignment.maximise(score, n, potentials[g], perms[g]);
                double now = LinearAssignment.value(score, n, perms[g]);
                double next = LinearAssignment.value(score, n, candidate);
                // A relative margin keeps rounding noise and vanishing gains from counting as progress.
                if (next > now + IMPROVEMENT * Math.max(1.0, Math.abs(now))) {
                    perms[g] = candidate;
                    improved = true;
                }
            }
            if (!improved) {
                return sweep;
            }
        }
        return MAX_SWEEPS;
    }

    // score[i][j]: the inner product of B's unit i with A's unit j over every axis of the group.
    static double[] scores(PermutationSpec spec, PermutationGroup group, int g, WeightSet a, int[][] perms,
                           WeightSet b) {
        NDArray total = null;
        for (PermutedAxis axis : group.axes()) {
            NDArray rowsB = axis.unitsFirst(b.get(axis.parameter()));
            NDArray rowsA = axis.unitsFirst(spec.permutedExcept(a, perms, axis.parameter(), g));
            NDArray s = rowsB.matmul(rowsA, false, true);
            total = total == null ? s : total.addInPlace(s);
        }
        return total.toDoubles();
    }
}
