package org.lethe.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class KeepMassSelectionTest {
    /** The selection must equal walking every product in descending order until the mass reaches the target. */
    @Test
    void matchesTheSortedWalkOverEveryProduct() {
        Rng rng = new Rng(5);
        for (int trial = 0; trial < 30; trial++) {
            int p = 1 + rng.nextInt(12);
            int q = 1 + rng.nextInt(15);
            double[] lambda = descending(rng, p);
            double[] mu = descending(rng, q);
            double rho = 0.05 + 0.9 * rng.nextDouble();
            KeepMassSelection s = KeepMassSelection.select(lambda, mu, rho);

            double[][] pairs = new double[p * q][];
            double total = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < q; j++) {
                    pairs[i * q + j] = new double[] {lambda[i] * mu[j], i, j};
                    total += lambda[i] * mu[j];
                }
            }
            Arrays.sort(pairs, (a, b) -> Double.compare(b[0], a[0]));
            boolean[][] expected = new boolean[p][q];
            double mass = 0;
            int count = 0;
            for (double[] pair : pairs) {
                if (mass >= rho * total) {
                    break;
                }
                expected[(int) pair[1]][(int) pair[2]] = true;
                mass += pair[0];
                count++;
            }
            assertThat(s.keptPairs()).as("trial %d", trial).isEqualTo(count);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < q; j++) {
                    assertThat(s.keeps(i, j)).as("trial %d pair (%d, %d)", trial, i, j).isEqualTo(expected[i][j]);
                }
            }
            if (s.totalMass() > 0) {
                assertThat(s.keptMass() / s.totalMass()).isGreaterThanOrEqualTo(rho - 1e-12);
            }
        }
    }

    @Test
    void keepMassOneKeepsEveryPairAndZeroOrLessIsRefused() {
        KeepMassSelection all = KeepMassSelection.select(new double[] {2, 0}, new double[] {3, 1, 0}, 1.0);
        assertThat(all.keptPairs()).isEqualTo(6);
        assertThat(all.keptFraction()).isEqualTo(1.0);
        assertThatThrownBy(() -> KeepMassSelection.select(new double[] {1}, new double[] {1}, 0.0))
                .hasMessageContaining("keep-mass must be positive");
    }

    private static double[] descending(Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Some exact zeros, as clamped eigenvalues give.
            v[i] = rng.nextInt(5) == 0 ? 0.0 : Math.exp(3 * rng.nextGaussian());
        }
        Arrays.sort(v);
        for (int i = 0; i < n / 2; i++) {
            double t = v[i];
            v[i] = v[n - 1 - i];
            v[n - 1 - i] = t;
        }
        return v;
    }
}
