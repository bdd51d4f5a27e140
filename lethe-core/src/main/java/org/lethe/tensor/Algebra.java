package org.lethe.tensor;

/**
 * The arithmetic an {@link NDArray}'s elements live in, and the kernels that compute in it.
 *
 * <p>Every layer and optimiser in Lethe is written against {@link NDArray} and the autograd
 * {@code Tensor}, never against {@code float[]}, so the same model code runs in any algebra: {@link Real32}
 * for speed, {@link Real64} for gradient checks and precise measurements, and algebras whose elements are
 * richer numbers (such as truncated power series) for deletion prediction.
 *
 * <p>Kernels work on flat storages with element offsets. A binary kernel takes an element stride for each
 * input, which is either 1 or 0 (0 repeats one element, which is how broadcasting reaches the kernels).
 * The <em>key</em> of an element is a real number that orders elements (for max, argmax and ReLU); for real
 * algebras it is the value, for series it is the real part of the constant term.
 */
public interface Algebra {

    /** Short name used in files and messages, for example {@code f32}. */
    String name();

    /** Allocates a zero-filled storage of {@code size} elements. */
    Storage allocate(int size);

    /** A storage whose elements are the real constants {@code values}. */
    Storage fromDoubles(double[] values);

    /** The ordering key of one element (its real value, or the real constant term). */
    double key(Storage s, int index);

    /** Sets one element to the real constant {@code value}. */
    void setConstant(Storage s, int index, double value);

    /** Sets {@code n} elements from {@code off} to the real constant {@code value}. */
    void fill(Storage s, int off, int n, double value);

    /** Copies {@code n} elements. Source and destination may be the same storage if ranges do not overlap. */
    void copy(Storage src, int srcOff, Storage dst, int dstOff, int n);

    /** {@code out[i] = a[i*as] op b[i*bs]} for {@code i < n}; strides are 0 or 1. */
    void binary(BinaryOp op, Storage a, int aOff, int aStride, Storage b, int bOff, int bStride,
                Storage out, int outOff, int n);

    /** {@code out[i] = f(x[i])}. {@code LOG}, {@code SQRT} and {@code RECIPROCAL} of values outside their
     *  domain follow IEEE rules for real algebras. */
    void unary(UnaryOp op, Storage x, int xOff, Storage out, int outOff, int n);

    /** {@code out[i] = x[i]^p} for a real exponent. */
    void pow(Storage x, int xOff, double p, Storage out, int outOff, int n);

    /** {@code out[i] = x[i] * scale + shift} with real constants. */
    void affine(Storage x, int xOff, double scale, double shift, Storage out, int outOff, int n);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(double alpha, Storage x, int xOff, Storage y, int yOff, int n);

    /** {@code out[i] = key(k[i]) > 0 ? g[i] : 0}: the mask ReLU's gradient and similar selections need. */
    void selectPositive(Storage k, int kOff, Storage g, int gOff, Storage out, int outOff, int n);

    /** Sums a {@code [outer, len, inner]} block over its middle axis into {@code [outer, inner]}. */
    void sumAxis(Storage x, int xOff, int outer, int len, int inner, Storage out, int outOff);

    /** For a {@code [outer, len, inner]} block, the index along the middle axis of the largest key. Ties take
     *  the first index, so the choice is deterministic. */
    void argmaxAxis(Storage x, int xOff, int outer, int len, int inner, int[] out);

    /** {@code dst[dstOff + i] = map[i] < 0 ? 0 : src[srcOff + map[i]]} for {@code i < map.length}. */
    void gather(Storage src, int srcOff, int[] map, Storage dst, int dstOff);

    /** {@code dst[dstOff + map[i]] += src[srcOff + i]} for every {@code i} with {@code map[i] >= 0}. */
    void scatterAdd(Storage src, int srcOff, int[] map, Storage dst, int dstOff);

    /**
     * Row-major general matrix product {@code C = alpha * op(A) op(B) + beta * C} with {@code op(A)} of shape
     * {@code m x k} and {@code op(B)} of shape {@code k x n}; leading dimensions are row lengths as stored.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
              double beta, Storage c, int cOff, int ldc);

    /** The real value of every element, or an error if elements are not real numbers. */
    double[] toDoubles(Storage s, int off, int n);

    // ---------------------------------------------------------------- convolution and pooling
    // The defaults below move data through cached index maps, so every algebra supports convolution; the real
    // algebras override them with direct loops. Calls on disjoint images (or planes) write disjoint outputs, so
    // callers may run them in parallel.

    /**
     * Unfolds {@code images} consecutive images ({@code geometry.imageSize()} elements each, from {@code xOff})
     * for convolution. Image {@code n} fills columns {@code [n * positions, (n + 1) * positions)} of the
     * {@code patchSize} rows at {@code colsOff}, rows being {@code ldCols} elements apart: element
     * {@code (row, n * positions + p)} is the input under kernel cell {@code row} at output position {@code p}, or
     * zero where that cell lies in the padding (see {@link ConvGeometry#unfoldMap()}).
     */
    default void im2col(Storage x, int xOff, int images, ConvGeometry geometry, Storage cols, int colsOff,
                        int ldCols) {
        int positions = geometry.positions();
        int rows = geometry.patchSize();
        Storage block = allocate(rows * positions);
        for (int n = 0; n < images; n++) {
            gather(x, xOff + n * geometry.imageSize(), geometry.unfoldMap(), block, 0);
            for (int r = 0; r < rows; r++) {
                copy(block, r * positions, cols, colsOff + r * ldCols + n * positions, positions);
            }
        }
    }

    /**
     * The adjoint of {@link #im2col} (same layout): adds every element of the unfolded columns of {@code images}
     * consecutive images onto the image element it was unfolded from; padding cells are dropped.
     */
    default void col2im(Storage cols, int colsOff, int ldCols, int images, ConvGeometry geometry, Storage x,
                        int xOff) {
        int positions = geometry.positions();
        int rows = geometry.patchSize();
        Storage block = allocate(rows * positions);
        for (int n = 0; n < images; n++) {
            for (int r = 0; r < rows; r++) {
                copy(cols, colsOff + r * ldCols + n * positions, block, r * positions, positions);
            }
            scatterAdd(block, 0, geometry.unfoldMap(), x, xOff + n * geometry.imageSize());
        }
    }

    /**
     * Max-pools planes {@code [firstPlane, firstPlane + planeCount)} of consecutive {@code [height, width]} planes
     * stored from {@code xOff}, over non-overlapping {@code size x size} windows (a trailing part smaller than a
     * window is dropped). Output element {@code i = plane * (height/size) * (width/size) + window} goes to
     * {@code out[outOff + i]}, and {@code argmax[i]} receives the index, relative to {@code xOff}, of the element
     * chosen: the largest key, the first in row-major window order on ties, so that the gradient can be
     * scattered back. Disjoint plane ranges touch disjoint outputs, so ranges may run in parallel.
     */
    default void maxPool2d(Storage x, int xOff, int height, int width, int size, int firstPlane, int planeCount,
                           Storage out, int outOff, int[] argmax) {
        int outH = height / size;
        int outW = width / size;
        int cells = size * size;
        int perPlane = outH * outW;
        int[] windows = IndexMaps.cached("pool" + height + "x" + width + "/" + size, () -> {
            int[] map = new int[perPlane * cells];
            for (int oh = 0, k = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    for (int i = 0; i < size; i++) {
                        for (int j = 0; j < size; j++) {
                            map[k++] = (oh * size + i) * width + ow * size + j;
                        }
                    }
                }
            }
            return map;
        });
        Storage block = allocate(perPlane * cells);
        int[] pick = new int[perPlane];
        int[] planeArgmax = new int[perPlane];
        Storage planeOut = allocate(perPlane);
        for (int p = firstPlane; p < firstPlane + planeCount; p++) {
            int planeOff = p * height * width;
            gather(x, xOff + planeOff, windows, block, 0);
            argmaxAxis(block, 0, perPlane, cells, 1, pick);
            for (int o = 0; o < perPlane; o++) {
                planeArgmax[o] = windows[o * cells + pick[o]];
                argmax[p * perPlane + o] = planeOff + planeArgmax[o];
            }
            gather(x, xOff + planeOff, planeArgmax, planeOut, 0);
            copy(planeOut, 0, out, outOff + p * perPlane, perPlane);
        }
    }
}
