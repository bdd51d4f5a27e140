package org.lethe.tensor;

/** Shape handling for matrix products; the arithmetic is the algebra's {@code gemm}. */
final class MatMul {
    private MatMul() {
    }

    /** {m, k, n} of {@code op(A) op(B)} over the last two axes of each shape; the inner dimensions must agree. */
    private static int[] productDims(int[] as, int[] bs, boolean transA, boolean transB) {
        int ar = as.length;
        int br = bs.length;
        int m = transA ? as[ar - 1] : as[ar - 2];
        int k = transA ? as[ar - 2] : as[ar - 1];
        int kb = transB ? bs[br - 1] : bs[br - 2];
        int n = transB ? bs[br - 2] : bs[br - 1];
        if (k != kb) {
            throw new IllegalArgumentException("matmul inner dimensions differ: " + Shapes.str(as) + (transA ? "^T" : "")
                    + " x " + Shapes.str(bs) + (transB ? "^T" : ""));
        }
        return new int[] {m, k, n};
    }

    static NDArray matmulInto(NDArray a, NDArray b, boolean transA, boolean transB, NDArray out) {
        a.requireSameAlgebra(b);
        a.requireSameAlgebra(out);
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmulInto needs two matrices, got " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
        int[] as = a.shape();
        int[] bs = b.shape();
        int[] mkn = productDims(as, bs, transA, transB);
        int m = mkn[0];
        int k = mkn[1];
        int n = mkn[2];
        if (out.rank() != 2 || out.dim(0) != m || out.dim(1) != n || out.offset() != 0 || out.storage() == a.storage()
                || out.storage() == b.storage()) {
            throw new IllegalArgumentException("matmulInto needs a separate contiguous [" + m + ", " + n + "] output, got "
                    + Shapes.str(out.shape()));
        }
        a.algebra().gemm(transA, transB, m, n, k, 1.0, a.storage(), a.offset(), as[1], b.storage(), b.offset(), bs[1],
                0.0, out.storage(), 0, n);
        return out;
    }

    static NDArray matmul(NDArray a, NDArray b, boolean transA, boolean transB) {
        a.requireSameAlgebra(b);
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul needs rank >= 2, got " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
        int[] as = a.shape();
        int[] bs = b.shape();
        int ar = as.length;
        int br = bs.length;
        int[] mkn = productDims(as, bs, transA, transB);
        int m = mkn[0];
        int k = mkn[1];
        int n = mkn[2];
        int batch = Shapes.product(as, 0, ar - 2);
        Algebra alg = a.algebra();
        int lda = as[ar - 1];
        int ldb = bs[br - 1];
        if (br == 2) {
            int[] outShape = as.clone();
            outShape[ar - 2] = m;
            outShape[ar - 1] = n;
            NDArray out = NDArray.zeros(alg, outShape);
            if (!transA) {
                // Leading axes of a fold into the row count: one large product instead of many small ones.
                alg.gemm(false, transB, batch * m, n, k, 1.0, a.storage(), a.offset(), lda, b.storage(), b.offset(), ldb,
                        0.0, out.storage(), 0, n);
            } else {
                for (int i = 0; i < batch; i++) {
                    alg.gemm(true, transB, m, n, k, 1.0, a.storage(), a.offset() + i * m * k, lda,
                            b.storage(), b.offset(), ldb, 0.0, out.storage(), i * m * n, n);
                }
            }
            return out;
        }
        if (ar != br || Shapes.product(bs, 0, br - 2) != batch) {
            throw new IllegalArgumentException("batched matmul needs equal leading axes: " + Shapes.str(as) + " x " + Shapes.str(bs));
        }
        for (int i = 0; i < ar - 2; i++) {
            if (as[i] != bs[i]) {
                throw new IllegalArgumentException("batched matmul needs equal leading axes: " + Shapes.str(as) + " x " + Shapes.str(bs));
            }
        }
        int[] outShape = as.clone();
        outShape[ar - 2] = m;
        outShape[ar - 1] = n;
        NDArray out = NDArray.zeros(alg, outShape);
        for (int i = 0; i < batch; i++) {
            alg.gemm(transA, transB, m, n, k, 1.0, a.storage(), a.offset() + i * m * k, lda,
                    b.storage(), b.offset() + i * k * n, ldb, 0.0, out.storage(), i * m * n, n);
        }
        return out;
    }
}
