package org.lethe.tensor;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major GEMM on top of the column-major netlib interface. The netlib loader picks native OpenBLAS when the
 * system provides {@code libblas.so.3} (Debian's {@code libopenblas0}), and a Vector API or plain Java kernel
 * otherwise. A row-major product {@code C = A B} is the column-major product {@code C^T = B^T A^T}, so the
 * operands are passed swapped.
 */
public final class Blas {
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private Blas() {
    }

    /** The name of the BLAS implementation in use, for benchmark reports. */
    public static String implementation() {
        return BLAS_INSTANCE.getClass().getSimpleName();
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        BLAS_INSTANCE.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }
}
