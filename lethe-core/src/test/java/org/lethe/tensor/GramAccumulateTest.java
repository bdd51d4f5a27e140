package org.lethe.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class GramAccumulateTest {
    /** Two accumulated batches give the upper triangle of the naive sum; the lower triangle stays untouched. */
    @Test
    void accumulatesTheUpperTriangleOfXtXAcrossColumnBlocks() {
        int n = 203;
        int[] batches = {37, 5};
        double[] c = new double[n * n];
        java.util.Arrays.fill(c, 0.25);
        double[] expected = c.clone();
        Rng rng = new Rng(3);
        for (int rows : batches) {
            double[] x = new double[rows * n];
            for (int k = 0; k < x.length; k++) {
                x[k] = rng.nextGaussian();
            }
            Blas.gramUpperAccumulate(x, rows, n, c);
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    for (int r = 0; r < rows; r++) {
                        expected[i * n + j] += x[r * n + i] * x[r * n + j];
                    }
                }
            }
        }
        for (int k = 0; k < c.length; k++) {
            assertThat(c[k]).as("c[%d]", k).isCloseTo(expected[k], offset(1e-9));
        }
    }
}
