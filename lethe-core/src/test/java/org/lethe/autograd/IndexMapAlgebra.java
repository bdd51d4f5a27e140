package org.lethe.autograd;

import org.lethe.tensor.Algebra;
import org.lethe.tensor.BinaryOp;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Storage;
import org.lethe.tensor.UnaryOp;

/**
 * F64 arithmetic without the convolution and pooling kernels of {@link Real64}, so that operations fall back to
 * the index-map defaults every algebra inherits: the stand-in for a future algebra in tests.
 */
final class IndexMapAlgebra implements Algebra {
    private final Algebra base = Real64.INSTANCE;

    @Override
    public String name() {
        return "f64-index-maps";
    }

    @Override
    public Storage allocate(int size) {
        return base.allocate(size);
    }

    @Override
    public Storage fromDoubles(double[] values) {
        return base.fromDoubles(values);
    }

    @Override
    public double key(Storage s, int index) {
        return base.key(s, index);
    }

    @Override
    public void setConstant(Storage s, int index, double value) {
        base.setConstant(s, index, value);
    }

    @Override
    public void fill(Storage s, int off, int n, double value) {
        base.fill(s, off, n, value);
    }

    @Override
    public void copy(Storage src, int srcOff, Storage dst, int dstOff, int n) {
        base.copy(src, srcOff, dst, dstOff, n);
    }

    @Override
    public void binary(BinaryOp op, Storage a, int aOff, int aStride, Storage b, int bOff, int bStride,
                       Storage out, int outOff, int n) {
        base.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
    }

    @Override
    public void unary(UnaryOp op, Storage x, int xOff, Storage out, int outOff, int n) {
        base.unary(op, x, xOff, out, outOff, n);
    }

    @Override
    public void pow(Storage x, int xOff, double p, Storage out, int outOff, int n) {
        base.pow(x, xOff, p, out, outOff, n);
    }

    @Override
    public void affine(Storage x, int xOff, double scale, double shift, Storage out, int outOff, int n) {
        base.affine(x, xOff, scale, shift, out, outOff, n);
    }

    @Override
    public void axpy(double alpha, Storage x, int xOff, Storage y, int yOff, int n) {
        base.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void selectPositive(Storage k, int kOff, Storage g, int gOff, Storage out, int outOff, int n) {
        base.selectPositive(k, kOff, g, gOff, out, outOff, n);
    }

    @Override
    public void sumAxis(Storage x, int xOff, int outer, int len, int inner, Storage out, int outOff) {
        base.sumAxis(x, xOff, outer, len, inner, out, outOff);
    }

    @Override
    public void argmaxAxis(Storage x, int xOff, int outer, int len, int inner, int[] out) {
        base.argmaxAxis(x, xOff, outer, len, inner, out);
    }

    @Override
    public void gather(Storage src, int srcOff, int[] map, Storage dst, int dstOff) {
        base.gather(src, srcOff, map, dst, dstOff);
    }

    @Override
    public void scatterAdd(Storage src, int srcOff, int[] map, Storage dst, int dstOff) {
        base.scatterAdd(src, srcOff, map, dst, dstOff);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Storage a, int aOff, int lda,
                     Storage b, int bOff, int ldb, double beta, Storage c, int cOff, int ldc) {
        base.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public double[] toDoubles(Storage s, int off, int n) {
        return base.toDoubles(s, off, n);
    }

    @Override
    public String toString() {
        return name();
    }
}
