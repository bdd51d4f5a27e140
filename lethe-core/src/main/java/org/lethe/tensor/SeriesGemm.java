package org.lethe.tensor;

/**
 * The matrix product of the {@link Series} algebra through real BLAS. A matrix of series is a series of complex
 * matrices {@code A = sum_i (Ar_i + i Ai_i) z^i}, so the product's coefficient {@code r} is the Cauchy sum
 * {@code C_r = sum_{i+j=r} A_i B_j}, and each complex matrix product is four real ones:
 * {@code Re = Ar Br - Ai Bi}, {@code Im = Ar Bi + Ai Br}.
 *
 * <p>Four products rather than Gauss's three: the three-product form computes {@code Im} as a difference of
 * large terms, which loses accuracy and makes the imaginary part of real data nonzero by rounding, while
 * algebra code relies on real constant terms staying exactly real. Products with an all-zero coefficient
 * plane are skipped, so real-coefficient series (Hessian-vector products) and the always-real constant terms
 * cost no more than the planes that carry data.
 */
final class SeriesGemm {
    private SeriesGemm() {
    }

    static void gemm(int order, boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[][] a, int aOff, int lda, double[][] b, int bOff, int ldb,
                     double beta, double[][] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        boolean[] aUsed = nonzeroPlanes(a, aOff, transA ? k : m, transA ? m : k, lda);
        boolean[] bUsed = nonzeroPlanes(b, bOff, transB ? n : k, transB ? k : n, ldb);
        for (int r = 0; r <= order; r++) {
            for (int part = 0; part < 2; part++) {
                double[] out = c[2 * r + part];
                boolean first = true;
                for (int i = 0; i <= r; i++) {
                    int j = r - i;
                    // Real part: Ar_i Br_j - Ai_i Bi_j; imaginary part: Ar_i Bi_j + Ai_i Br_j.
                    for (int term = 0; term < 2; term++) {
                        int aPlane = 2 * i + term;
                        int bPlane = 2 * j + (part == 0 ? term : 1 - term);
                        if (!aUsed[aPlane] || !bUsed[bPlane]) {
                            continue;
                        }
                        double sign = part == 0 && term == 1 ? -alpha : alpha;
                        Blas.dgemm(transA, transB, m, n, k, sign, a[aPlane], aOff, lda, b[bPlane], bOff, ldb,
                                first ? beta : 1.0, out, cOff, ldc);
                        first = false;
                    }
                }
                if (first) {
                    scale(out, cOff, m, n, ldc, beta);
                }
            }
        }
    }

    /** For each plane, whether the {@code rows x cols} block at {@code off} holds anything but zeros. */
    private static boolean[] nonzeroPlanes(double[][] planes, int off, int rows, int cols, int ld) {
        boolean[] used = new boolean[planes.length];
        for (int p = 0; p < planes.length; p++) {
            used[p] = anyNonzero(planes[p], off, rows, cols, ld);
        }
        return used;
    }

    private static boolean anyNonzero(double[] x, int off, int rows, int cols, int ld) {
        for (int row = 0; row < rows; row++) {
            int base = off + row * ld;
            for (int col = 0; col < cols; col++) {
                // NaN counts as nonzero, so that it propagates as the product would propagate it.
                if (x[base + col] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code C = beta C} with BLAS's convention that {@code beta = 0} overwrites (NaN included). */
    private static void scale(double[] x, int off, int rows, int cols, int ld, double beta) {
        if (beta == 1.0) {
            return;
        }
        for (int row = 0; row < rows; row++) {
            int base = off + row * ld;
            if (beta == 0.0) {
                java.util.Arrays.fill(x, base, base + cols, 0.0);
            } else {
                for (int col = 0; col < cols; col++) {
                    x[base + col] *= beta;
                }
            }
        }
    }
}
