package org.lethe.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludovic.netlib.blas.BLAS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** F32 products large enough to be split over cores, in every transposition, against a plain triple loop. */
class SplitSgemmTest {
    @ParameterizedTest
    @CsvSource({
        // m, n, k, transA, transB: row blocks (transposed A read in place), column blocks (few rows), serial
        "512, 300, 128, true, false",
        "200, 130, 96, true, true",
        "256, 512, 64, false, true",
        "64, 512, 200, false, true",
        "64, 384, 100, true, true",
        "40, 30, 20, true, false",
    })
    void splitProductsMatchTheDefinition(int m, int n, int k, boolean transA, boolean transB) {
        Rng rng = new Rng(m * 31L + n * 7L + k);
        float[] a = random(rng, m * k + 5);
        float[] b = random(rng, n * k + 3);
        int aOff = 5;
        int bOff = 3;
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        float[] c = new float[m * n];
        Blas.sgemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 0f, c, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                }
                assertThat((double) c[i * n + j]).as("C[%d,%d]", i, j).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(s))));
            }
        }
    }

    @Test
    void theUncheckedKernelStillRejectsOperandsOutsideTheirArrays() {
        if (!UncheckedSgemm.available()) {
            return;
        }
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[3];
        // C would need 2x2 elements at offset 0 with leading dimension 2: 4 > 3.
        assertThatThrownBy(() -> UncheckedSgemm.sgemm(BLAS.getInstance(), false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 3,
                0f, c, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("C:");
    }

    private static float[] random(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
