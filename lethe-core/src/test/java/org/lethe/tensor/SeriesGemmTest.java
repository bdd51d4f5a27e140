package org.lethe.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The series matrix product against a naive loop of complex Cauchy products over series elements. */
class SeriesGemmTest {
    @Test
    void everyTransposeAlphaBetaAndLeadingDimension() {
        Series s = Series.of(3);
        Rng rng = new Rng(5);
        int m = 5;
        int n = 4;
        int k = 6;
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (double beta : new double[] {0.0, 1.0, -0.4}) {
                    check(s, rng, transA, transB, m, n, k, 0.7, beta, 2, 3, 1, true);
                }
            }
        }
    }

    @Test
    void largeProductsTakeTheParallelRowBlockPath() {
        Series s = Series.of(1);
        Rng rng = new Rng(6);
        check(s, rng, false, false, 160, 96, 72, 1.0, 0.0, 0, 0, 0, true);
        check(s, rng, true, true, 160, 96, 72, -1.3, 0.5, 0, 0, 0, true);
    }

    @Test
    void realCoefficientsStayExactlyReal() {
        Series s = Series.of(2);
        Rng rng = new Rng(7);
        DoubleStorage c = check(s, rng, false, true, 6, 5, 4, 1.0, 0.0, 0, 0, 0, false);
        for (int r = 0; r <= 2; r++) {
            for (double v : c.planes[Series.planeIndex(r, true)]) {
                assertThat(v).isEqualTo(0.0);
            }
        }
    }

    @Test
    void betaZeroOverwritesWhateverWasThere() {
        Series s = Series.of(1);
        NDArray a = NDArray.of(s, new double[] {1, 2, 3, 4}, 2, 2);
        NDArray b = NDArray.of(s, new double[] {1, 0, 0, 1}, 2, 2);
        DoubleStorage c = (DoubleStorage) s.allocate(4);
        for (double[] plane : c.planes) {
            java.util.Arrays.fill(plane, Double.NaN);
        }
        s.gemm(false, false, 2, 2, 2, 1.0, a.storage(), 0, 2, b.storage(), 0, 2, 0.0, c, 0, 2);
        assertThat(c.planes[0]).containsExactly(1, 2, 3, 4);
        for (int p = 1; p < 4; p++) {
            assertThat(c.planes[p]).containsOnly(0.0);
        }
    }

    @Test
    void matmulAndItsGradientShapesRunInSeries() {
        Series s = Series.of(2);
        Rng rng = new Rng(8);
        NDArray a = SeriesTestData.random(s, rng, 2 * 3 * 4).reshape(2, 3, 4);
        NDArray b = SeriesTestData.random(s, rng, 4 * 5).reshape(4, 5);
        NDArray c = a.matmul(b);
        for (int batch = 0; batch < 2; batch++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 5; j++) {
                    double[][] expected = new double[2][3];
                    for (int l = 0; l < 4; l++) {
                        accumulate(expected, Series.coefficients(a, (batch * 3 + i) * 4 + l),
                                Series.coefficients(b, l * 5 + j), 1.0);
                    }
                    SeriesTest.assertClose(Series.coefficients(c, (batch * 3 + i) * 5 + j), expected, "matmul");
                }
            }
        }
    }

    /**
     * Runs one product with {@code pad} extra elements at the start of each operand and {@code ld} extra columns,
     * and compares every element against the naive loop; returns C's storage.
     */
    private static DoubleStorage check(Series s, Rng rng, boolean transA, boolean transB, int m, int n, int k,
                                       double alpha, double beta, int pad, int extraA, int extraC, boolean complex) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + extraA;
        int ldb = bCols;
        int ldc = n + extraC;
        Storage a = randomStorage(s, rng, pad + aRows * lda, complex);
        Storage b = randomStorage(s, rng, pad + bRows * ldb, complex);
        Storage c = randomStorage(s, rng, pad + m * ldc, complex);
        double[][] before = copyPlanes((DoubleStorage) c);
        s.gemm(transA, transB, m, n, k, alpha, a, pad, lda, b, pad, ldb, beta, c, pad, ldc);
        NDArray av = NDArray.ofStorage(s, a, pad + aRows * lda);
        NDArray bv = NDArray.ofStorage(s, b, pad + bRows * ldb);
        NDArray cv = NDArray.ofStorage(s, c, pad + m * ldc);
        int order = s.order();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double[][] expected = new double[2][order + 1];
                int ci = pad + i * ldc + j;
                for (int r = 0; r <= order; r++) {
                    expected[0][r] = beta * before[2 * r][ci];
                    expected[1][r] = beta * before[2 * r + 1][ci];
                }
                for (int l = 0; l < k; l++) {
                    int ai = pad + (transA ? l * lda + i : i * lda + l);
                    int bi = pad + (transB ? j * ldb + l : l * ldb + j);
                    accumulate(expected, Series.coefficients(av, ai), Series.coefficients(bv, bi), alpha);
                }
                SeriesTest.assertClose(Series.coefficients(cv, ci), expected,
                        "gemm " + (transA ? "T" : "N") + (transB ? "T" : "N") + " beta " + beta + " at " + i + "," + j);
            }
            // Padding columns of C are untouched.
            for (int j = n; j < ldc; j++) {
                assertThat(Series.coefficients(cv, pad + i * ldc + j)[0][0]).isEqualTo(before[0][pad + i * ldc + j]);
            }
        }
        return (DoubleStorage) c;
    }

    /** {@code acc += alpha x y} for coefficient arrays {@code [re, im][r]}, truncated at acc's order. */
    private static void accumulate(double[][] acc, double[][] x, double[][] y, double alpha) {
        int order = acc[0].length - 1;
        for (int i = 0; i <= order; i++) {
            for (int j = 0; i + j <= order; j++) {
                acc[0][i + j] += alpha * (x[0][i] * y[0][j] - x[1][i] * y[1][j]);
                acc[1][i + j] += alpha * (x[0][i] * y[1][j] + x[1][i] * y[0][j]);
            }
        }
    }

    private static Storage randomStorage(Series s, Rng rng, int size, boolean complex) {
        DoubleStorage st = (DoubleStorage) s.allocate(size);
        for (int p = 0; p < st.planes.length; p++) {
            if (!complex && p % 2 == 1) {
                continue;
            }
            for (int i = 0; i < size; i++) {
                st.planes[p][i] = 2 * rng.nextDouble() - 1;
            }
        }
        return st;
    }

    private static double[][] copyPlanes(DoubleStorage s) {
        double[][] out = new double[s.planes.length][];
        for (int p = 0; p < out.length; p++) {
            out[p] = s.planes[p].clone();
        }
        return out;
    }
}
