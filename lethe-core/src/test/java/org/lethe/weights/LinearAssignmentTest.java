package org.lethe.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class LinearAssignmentTest {
    @Test
    void matchesBruteForceOnSmallRandomProblems() {
        Rng rng = new Rng(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + trial % 7;
            double[] score = new double[n * n];
            for (int i = 0; i < score.length; i++) {
                // Small integers make ties common, which is where a wrong solver goes astray.
                score[i] = trial % 2 == 0 ? rng.nextInt(5) - 2 : rng.nextGaussian();
            }
            int[] p = LinearAssignment.maximise(score, n);
            assertThat(isPermutation(p)).isTrue();
            assertThat(LinearAssignment.value(score, n, p)).isCloseTo(bruteForce(score, n), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void agreesWithTheReferenceSolverOnLargerProblems() {
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 24; trial++) {
            int n = 64 + rng.nextInt(137);
            double[] score = new double[n * n];
            for (int i = 0; i < score.length; i++) {
                // Integer scores in a narrow range give many optimal assignments, so there only the value must agree.
                score[i] = trial % 3 == 0 ? rng.nextInt(4) : rng.nextGaussian();
            }
            int[] reference = ReferenceAssignment.maximise(score, n);
            int[] p = LinearAssignment.maximise(score, n);
            assertThat(isPermutation(p)).isTrue();
            if (trial % 3 == 0) {
                assertThat(LinearAssignment.value(score, n, p)).isEqualTo(LinearAssignment.value(score, n, reference));
            } else {
                assertThat(p).containsExactly(reference);
            }
            // Warm starts from an earlier solve of a perturbed problem must not change the optimum either.
            double[] potentials = new double[n];
            potentials[0] = Double.NaN;
            double[] nearby = score.clone();
            for (int i = 0; i < nearby.length; i++) {
                nearby[i] += 0.1 * rng.nextGaussian();
            }
            int[] first = LinearAssignment.maximise(nearby, n, potentials, null);
            int[] warm = LinearAssignment.maximise(score, n, potentials, first);
            assertThat(LinearAssignment.value(score, n, warm)).isEqualTo(LinearAssignment.value(score, n, reference));
        }
    }

    @Test
    void recoversAHiddenPermutation() {
        int n = 200;
        Rng rng = new Rng(3);
        int[] hidden = rng.permutation(n);
        double[] score = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                score[i * n + j] = rng.nextDouble() + (hidden[i] == j ? 10 : 0);
            }
        }
        assertThat(LinearAssignment.maximise(score, n)).containsExactly(hidden);
    }

    @Test
    void refusesWrongSizesAndNonFiniteScores() {
        assertThatThrownBy(() -> LinearAssignment.maximise(new double[3], 2)).hasMessageContaining("not 2 x 2");
        assertThatThrownBy(() -> LinearAssignment.maximise(new double[] {1, Double.NaN, 0, 0}, 2))
                .hasMessageContaining("non-finite");
    }

    private static double bruteForce(double[] score, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        double best = Double.NEGATIVE_INFINITY;
        do {
            best = Math.max(best, LinearAssignment.value(score, n, p));
        } while (nextPermutation(p));
        return best;
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    private static boolean isPermutation(int[] p) {
        boolean[] seen = new boolean[p.length];
        for (int i : p) {
            if (i < 0 || i >= p.length || seen[i]) {
                return false;
            }
            seen[i] = true;
        }
        return true;
    }
}
