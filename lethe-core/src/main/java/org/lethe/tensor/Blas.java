package org.lethe.tensor;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major GEMM on top of the column-major netlib interface. The netlib loader picks native OpenBLAS when the
 * system provides {@code libblas.so.3} (Debian's {@code libopenblas0}), and a Vector API or plain Java kernel
 * otherwise. A row-major product {@code C = A B} is the column-major product {@code C^T = B^T A^T}, so the
 * operands are passed swapped.
 */
public final class Blas {
    // The loader logs a warning for every implementation it cannot use; only the outcome matters to users.
    // The logger is held strongly so that its level is not lost to garbage collection.
    private static final java.util.logging.Logger NETLIB_LOG = quietNetlibLogger();
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private static java.util.logging.Logger quietNetlibLogger() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.ludovic.netlib");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    private Blas() {
    }

    /** The name of the BLAS implementation in use, for benchmark reports. */
    public static String implementation() {
        return BLAS_INSTANCE.getClass().getSimpleName();
    }

    // Products are split into blocks of this many output rows, each a single-threaded BLAS call. The split
    // depends only on the shapes, so results do not change with the number of threads. BLAS must itself be
    // single-threaded (OPENBLAS_NUM_THREADS=1, as the launcher sets) for this to hold.
    private static final int ROW_BLOCK = 64;
    private static final long PARALLEL_WORK = 1L << 20;

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        int blocks = rowBlocks(m, n, k);
        boolean inPlace = UncheckedSgemm.available();
        if (blocks > 1 && transA && !inPlace) {
            // netlib's bounds check rejects column offsets, so a transposed A is materialised once (a small
            // copy next to the product) and split by rows like any other.
            float[] at = new float[m * k];
            // Tiles keep both the reads and the writes of the transpose within cache lines.
            for (int r0 = 0; r0 < k; r0 += TILE) {
                int r1 = Math.min(k, r0 + TILE);
                for (int c0 = 0; c0 < m; c0 += TILE) {
                    int c1 = Math.min(m, c0 + TILE);
                    for (int r = r0; r < r1; r++) {
                        int src = aOff + r * lda;
                        for (int col = c0; col < c1; col++) {
                            at[col * k + r] = a[src + col];
                        }
                    }
                }
            }
            sgemm(false, transB, m, n, k, alpha, at, 0, k, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (blocks > 1) {
            Parallel.forEachChunk(blocks, blk -> {
                int r0 = blk * ROW_BLOCK;
                int rows = Math.min(ROW_BLOCK, m - r0);
                if (transA) {
                    // Rows of op(A) are columns of the stored A: the block starts r0 columns in.
                    UncheckedSgemm.sgemm(BLAS_INSTANCE, transB, true, n, rows, k, alpha, b, bOff, ldb,
                            a, aOff + r0, lda, beta, c, cOff + r0 * ldc, ldc);
                } else {
                    sgemmSerial(false, transB, rows, n, k, alpha, a, aOff + r0 * lda, lda,
                            b, bOff, ldb, beta, c, cOff + r0 * ldc, ldc);
                }
            });
            return;
        }
        int columnBlocks = columnBlocks(m, n, k, transB);
        if (columnBlocks > 1) {
            // Few rows (a small batch) but wide: split the columns instead. B is [n, k] here, so a block of its
            // rows is contiguous. Each block's product is written in place; without the in-place kernel it goes
            // to a scratch [m, block] array and is copied into C, because netlib's bounds check also rejects
            // column offsets into C.
            Parallel.forEachChunk(columnBlocks, blk -> {
                int c0 = blk * COLUMN_BLOCK;
                int cols = Math.min(COLUMN_BLOCK, n - c0);
                if (inPlace) {
                    UncheckedSgemm.sgemm(BLAS_INSTANCE, true, transA, cols, m, k, alpha, b, bOff + c0 * ldb, ldb,
                            a, aOff, lda, beta, c, cOff + c0, ldc);
                    return;
                }
                float[] scratch = new float[m * cols];
                if (beta != 0f) {
                    for (int r = 0; r < m; r++) {
                        System.arraycopy(c, cOff + r * ldc + c0, scratch, r * cols, cols);
                    }
                }
                sgemmSerial(transA, true, m, cols, k, alpha, a, aOff, lda, b, bOff + c0 * ldb, ldb, beta, scratch, 0, cols);
                for (int r = 0; r < m; r++) {
                    System.arraycopy(scratch, r * cols, c, cOff + r * ldc + c0, cols);
                }
            });
            return;
        }
        sgemmSerial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static final int COLUMN_BLOCK = 128;
    private static final int TILE = 32;

    private static int columnBlocks(int m, int n, int k, boolean transB) {
        if (!transB || (long) m * n * k < PARALLEL_WORK || n < 2 * COLUMN_BLOCK) {
            return 1;
        }
        return (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    }

    private static int rowBlocks(int m, int n, int k) {
        if ((long) m * n * k < PARALLEL_WORK || m < 2 * ROW_BLOCK) {
            return 1;
        }
        return (m + ROW_BLOCK - 1) / ROW_BLOCK;
    }

    private static void sgemmSerial(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                    float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                    float beta, float[] c, int cOff, int ldc) {
        BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        int blocks = rowBlocks(m, n, k);
        if (blocks > 1 && transA) {
            // netlib's bounds check rejects column offsets, so a transposed A is materialised once (a small
            // copy next to the product) and split by rows like any other.
            double[] at = new double[m * k];
            for (int r = 0; r < k; r++) {
                int src = aOff + r * lda;
                for (int col = 0; col < m; col++) {
                    at[col * k + r] = a[src + col];
                }
            }
            dgemm(false, transB, m, n, k, alpha, at, 0, k, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (blocks > 1) {
            Parallel.forEachChunk(blocks, blk -> {
                int r0 = blk * ROW_BLOCK;
                int rows = Math.min(ROW_BLOCK, m - r0);
                dgemmSerial(false, transB, rows, n, k, alpha, a, aOff + r0 * lda, lda,
                        b, bOff, ldb, beta, c, cOff + r0 * ldc, ldc);
            });
            return;
        }
        dgemmSerial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    private static void dgemmSerial(boolean transA, boolean transB, int m, int n, int k, double alpha,
                                    double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                    double beta, double[] c, int cOff, int ldc) {
        BLAS_INSTANCE.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }

    // Column blocks of a Gram product: each is one serial call, so the sums do not depend on the thread count.
    private static final int GRAM_BLOCK = 96;

    /**
     * {@code c += x^T x} on the upper triangle of {@code c} ({@code [n, n]}, row-major; the lower triangle is not
     * touched), for {@code x} {@code [rows, n]} row-major: half the work of a general product. Column blocks of
     * the triangle run in parallel, each a symmetric rank-k update of its diagonal block and a product for the
     * rest; every entry is summed over {@code rows} in the same order whatever the number of threads.
     */
    public static void gramUpperAccumulate(double[] x, int rows, int n, double[] c) {
        if (rows == 0) {
            return;
        }
        if (x.length < (long) rows * n || c.length < (long) n * n) {
            throw new IllegalArgumentException("a Gram product of " + rows + " x " + n + " needs " + ((long) rows * n)
                    + " inputs and " + ((long) n * n) + " outputs, got " + x.length + " and " + c.length);
        }
        // netlib's bounds check counts an offset into an array as if it reached a whole column further, so x gets
        // n spare elements, and each block is computed into its own padded buffer and then added to c.
        double[] padded = x.length >= (long) rows * n + n ? x : java.util.Arrays.copyOf(x, rows * n + n);
        // Column-major, x is its transpose X' [n, rows] (lda n), and the row-major upper triangle of c is the
        // column-major lower one: block b holds c_cm[i, j] (i >= j, j in the block) = sum_r X'[i, r] X'[j, r].
        int blocks = (n + GRAM_BLOCK - 1) / GRAM_BLOCK;
        Parallel.ChunkTask block = b -> {
            int j0 = b * GRAM_BLOCK;
            int width = Math.min(GRAM_BLOCK, n - j0);
            int height = n - j0;
            double[] t = new double[height * width + n];
            BLAS_INSTANCE.dsyrk("L", "N", width, rows, 1.0, padded, j0, n, 0.0, t, 0, height);
            if (height > width) {
                BLAS_INSTANCE.dgemm("N", "T", height - width, width, rows, 1.0, padded, j0 + width, n, padded, j0,
                        n, 0.0, t, width, height);
            }
            for (int j = 0; j < width; j++) {
                int row = (j0 + j) * n;
                for (int i = j; i < height; i++) {
                    c[row + j0 + i] += t[j * height + i];
                }
            }
        };
        if ((long) rows * n * n < PARALLEL_WORK) {
            for (int b = 0; b < blocks; b++) {
                block.run(b);
            }
        } else {
            Parallel.forEachChunk(blocks, block);
        }
    }
}
