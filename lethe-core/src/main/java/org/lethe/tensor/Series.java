package org.lethe.tensor;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Power series in one complex variable {@code z}, truncated after {@code z^k}: each element is
 * {@code c_0 + c_1 z + ... + c_k z^k} with complex coefficients in double precision. Running a computation in
 * this algebra carries its value ({@code c_0}) together with its first {@code k} Taylor coefficients with respect
 * to whatever {@code z} perturbs (a loss weight {@code 1 - psi z}, a parameter direction {@code p + v z}): every
 * operation is the exact operation on truncated series, so the coefficients are exact derivatives up to rounding.
 *
 * <p><b>Layout.</b> A {@link DoubleStorage} with {@code 2(k + 1)} planes, interleaved by order:
 * {@code re c_0, im c_0, re c_1, im c_1, ...}; plane {@link #planeIndex(int, boolean)} holds one real number per
 * element, row-major. Plane 0 is the real constant term, as {@link DoubleStorage#data()} promises.
 *
 * <p><b>Keys.</b> The ordering key of an element is {@code re c_0}: max, argmax and ReLU select by it and treat
 * the choice as locally constant, which is the derivative everywhere except at ties.
 *
 * <p><b>Domains.</b> Functions analytic everywhere accept any element (exp, tanh away from its poles, products,
 * quotients by a nonzero constant term). log, sqrt, {@code pow} with a real exponent, erf and GELU need a real
 * constant term: their real-variable definitions pick a branch (or, for erf, have no complex implementation
 * here), and the constant terms of a computation whose inputs have real constant terms are exactly real, since
 * each constant term depends only on constant terms. A complex constant term there, a zero divisor, and a
 * function evaluated at a point where it has no power series (log at 0, sqrt or |x| at 0 with a nonzero
 * perturbation) throw {@link IllegalArgumentException}. A real constant term outside the function's real domain
 * (log or sqrt of a negative number) gives NaN coefficients, as F64 gives NaN.
 *
 * <p>Constant terms are computed exactly as {@link Real64} computes the same operation, so the constant terms of
 * a series computation reproduce the F64 computation bit for bit.
 */
public final class Series implements Algebra {
    private static final ConcurrentHashMap<Integer, Series> CACHE = new ConcurrentHashMap<>();
    // Element-wise kernels with recurrences run in chunks of this many elements; each element is independent, so
    // results do not depend on the thread count.
    private static final int CHUNK = 2048;
    private static final Real64 REAL = Real64.INSTANCE;

    private final int order;
    private final int planeCount;

    private Series(int order) {
        this.order = order;
        this.planeCount = 2 * (order + 1);
    }

    /** The algebra of series truncated after {@code z^order} (one instance per order). */
    public static Series of(int order) {
        if (order < 0 || order > 64) {
            throw new IllegalArgumentException("series order must be in [0, 64], got " + order);
        }
        return CACHE.computeIfAbsent(order, Series::new);
    }

    /** The truncation order {@code k}: elements carry coefficients of {@code z^0 .. z^k}. */
    public int order() {
        return order;
    }

    /** Planes per storage: {@code 2 (order + 1)}. */
    public int planeCount() {
        return planeCount;
    }

    /** The plane holding the real or imaginary part of the coefficient of {@code z^r}. */
    public static int planeIndex(int r, boolean imaginary) {
        return 2 * r + (imaginary ? 1 : 0);
    }

    @Override
    public String name() {
        return "series" + order;
    }

    @Override
    public String toString() {
        return name();
    }

    // ---------------------------------------------------------------- reading and building series arrays

    /**
     * The real or imaginary part of the coefficient of {@code z^r} of every element of a series array, as a new
     * F64 array of the same shape.
     */
    public static NDArray plane(NDArray a, int r, boolean imaginary) {
        Series s = seriesOf(a);
        if (r < 0 || r > s.order) {
            throw new IllegalArgumentException("coefficient z^" + r + " outside " + s.name());
        }
        double[] plane = planesOf(a.storage())[planeIndex(r, imaginary)];
        double[] values = Arrays.copyOfRange(plane, a.offset(), a.offset() + a.size());
        return NDArray.ofStorage(REAL, new DoubleStorage(values), a.shape());
    }

    /**
     * The coefficients of one element (flat row-major index) of a series array: {@code [0]} the real parts and
     * {@code [1]} the imaginary parts of {@code c_0 .. c_k}.
     */
    public static double[][] coefficients(NDArray a, int element) {
        Series s = seriesOf(a);
        if (element < 0 || element >= a.size()) {
            throw new IndexOutOfBoundsException("element " + element + " outside an array of " + a.size());
        }
        double[][] planes = planesOf(a.storage());
        double[][] out = new double[2][s.order + 1];
        for (int r = 0; r <= s.order; r++) {
            out[0][r] = planes[planeIndex(r, false)][a.offset() + element];
            out[1][r] = planes[planeIndex(r, true)][a.offset() + element];
        }
        return out;
    }

    /**
     * A series array from coefficient arrays of any real algebra: element {@code e} is
     * {@code sum_r (re[r]_e + i im[r]_e) z^r}. {@code re[0]} gives the shape and must be present; other entries
     * may be null (zero) or missing, and all present ones must have {@code re[0]}'s shape.
     */
    public NDArray fromCoefficients(NDArray[] re, NDArray[] im) {
        if (re.length == 0 || re[0] == null) {
            throw new IllegalArgumentException("a series array needs its constant term");
        }
        if (re.length > order + 1 || (im != null && im.length > order + 1)) {
            throw new IllegalArgumentException(name() + " has coefficients up to z^" + order + ", got "
                    + Math.max(re.length, im == null ? 0 : im.length) + " coefficient arrays");
        }
        int[] shape = re[0].shape();
        int size = re[0].size();
        double[][] planes = new double[planeCount][];
        for (int p = 0; p < planeCount; p++) {
            int r = p / 2;
            NDArray[] part = p % 2 == 0 ? re : im;
            NDArray source = part != null && r < part.length ? part[r] : null;
            if (source == null) {
                planes[p] = new double[size];
                continue;
            }
            if (!Arrays.equals(source.shape(), shape)) {
                throw new IllegalArgumentException("coefficient of z^" + r + (p % 2 == 0 ? "" : " (imaginary)")
                        + " has shape " + Shapes.str(source.shape()) + ", the constant term " + Shapes.str(shape));
            }
            planes[p] = source.toDoubles();
        }
        return NDArray.ofStorage(this, new DoubleStorage(planes), shape);
    }

    /**
     * {@code constant + (coefficientRe + i coefficientIm) z}, the usual way to start a computation: parameters
     * {@code p + v z} for a directional derivative, loss weights {@code 1 - psi z} for deletion prediction.
     * {@code coefficientIm} may be null. Needs order at least 1.
     */
    public NDArray linear(NDArray constant, NDArray coefficientRe, NDArray coefficientIm) {
        if (order < 1) {
            throw new IllegalArgumentException(name() + " has no z^1 coefficient");
        }
        return fromCoefficients(new NDArray[] {constant, coefficientRe}, new NDArray[] {null, coefficientIm});
    }

    private static Series seriesOf(NDArray a) {
        if (!(a.algebra() instanceof Series)) {
            throw new IllegalArgumentException("expected a series array, got algebra " + a.algebra().name());
        }
        return (Series) a.algebra();
    }

    // ---------------------------------------------------------------- storage

    private static double[][] planesOf(Storage s) {
        return ((DoubleStorage) s).planes;
    }

    /** A single-plane view for reusing the F64 kernels plane by plane. */
    private static Storage planeView(Storage s, int p) {
        return new DoubleStorage(((DoubleStorage) s).planes[p]);
    }

    @Override
    public Storage allocate(int size) {
        double[][] planes = new double[planeCount][];
        for (int p = 0; p < planeCount; p++) {
            planes[p] = new double[size];
        }
        return new DoubleStorage(planes);
    }

    @Override
    public Storage fromDoubles(double[] values) {
        DoubleStorage s = (DoubleStorage) allocate(values.length);
        System.arraycopy(values, 0, s.planes[0], 0, values.length);
        return s;
    }

    @Override
    public double key(Storage s, int index) {
        return planesOf(s)[0][index];
    }

    @Override
    public void setConstant(Storage s, int index, double value) {
        double[][] planes = planesOf(s);
        planes[0][index] = value;
        for (int p = 1; p < planeCount; p++) {
            planes[p][index] = 0.0;
        }
    }

    @Override
    public void fill(Storage s, int off, int n, double value) {
        double[][] planes = planesOf(s);
        Arrays.fill(planes[0], off, off + n, value);
        for (int p = 1; p < planeCount; p++) {
            Arrays.fill(planes[p], off, off + n, 0.0);
        }
    }

    /** The constant terms, if every element is a real number (no imaginary part, no {@code z} terms). */
    @Override
    public double[] toDoubles(Storage s, int off, int n) {
        double[][] planes = planesOf(s);
        for (int p = 1; p < planeCount; p++) {
            double[] plane = planes[p];
            for (int i = 0; i < n; i++) {
                if (plane[off + i] != 0) {
                    throw new IllegalArgumentException(name() + " element " + i + " is not a real number (its "
                            + (p % 2 == 0 ? "" : "imaginary ") + "z^" + p / 2 + " coefficient is " + plane[off + i]
                            + "); read coefficients with Series.plane or Series.coefficients");
                }
            }
        }
        return Arrays.copyOfRange(planes[0], off, off + n);
    }

    // ---------------------------------------------------------------- linear kernels, plane by plane

    @Override
    public void copy(Storage src, int srcOff, Storage dst, int dstOff, int n) {
        double[][] from = planesOf(src);
        double[][] to = planesOf(dst);
        for (int p = 0; p < planeCount; p++) {
            System.arraycopy(from[p], srcOff, to[p], dstOff, n);
        }
    }

    @Override
    public void affine(Storage x, int xOff, double scale, double shift, Storage out, int outOff, int n) {
        for (int p = 0; p < planeCount; p++) {
            REAL.affine(planeView(x, p), xOff, scale, p == 0 ? shift : 0.0, planeView(out, p), outOff, n);
        }
    }

    @Override
    public void axpy(double alpha, Storage x, int xOff, Storage y, int yOff, int n) {
        for (int p = 0; p < planeCount; p++) {
            REAL.axpy(alpha, planeView(x, p), xOff, planeView(y, p), yOff, n);
        }
    }

    @Override
    public void sumAxis(Storage x, int xOff, int outer, int len, int inner, Storage out, int outOff) {
        for (int p = 0; p < planeCount; p++) {
            REAL.sumAxis(planeView(x, p), xOff, outer, len, inner, planeView(out, p), outOff);
        }
    }

    @Override
    public void gather(Storage src, int srcOff, int[] map, Storage dst, int dstOff) {
        for (int p = 0; p < planeCount; p++) {
            REAL.gather(planeView(src, p), srcOff, map, planeView(dst, p), dstOff);
        }
    }

    @Override
    public void scatterAdd(Storage src, int srcOff, int[] map, Storage dst, int dstOff) {
        for (int p = 0; p < planeCount; p++) {
            REAL.scatterAdd(planeView(src, p), srcOff, map, planeView(dst, p), dstOff);
        }
    }

    @Override
    public void im2col(Storage x, int xOff, int images, ConvGeometry geometry, Storage cols, int colsOff,
                       int ldCols) {
        for (int p = 0; p < planeCount; p++) {
            REAL.im2col(planeView(x, p), xOff, images, geometry, planeView(cols, p), colsOff, ldCols);
        }
    }

    @Override
    public void col2im(Storage cols, int colsOff, int ldCols, int images, ConvGeometry geometry, Storage x,
                       int xOff) {
        for (int p = 0; p < planeCount; p++) {
            REAL.col2im(planeView(cols, p), colsOff, ldCols, images, geometry, planeView(x, p), xOff);
        }
    }

    // ---------------------------------------------------------------- selections by key

    @Override
    public void selectPositive(Storage k, int kOff, Storage g, int gOff, Storage out, int outOff, int n) {
        double[] keys = planesOf(k)[0];
        double[][] from = planesOf(g);
        double[][] to = planesOf(out);
        for (int i = 0; i < n; i++) {
            boolean keep = keys[kOff + i] > 0;
            for (int p = 0; p < planeCount; p++) {
                to[p][outOff + i] = keep ? from[p][gOff + i] : 0.0;
            }
        }
    }

    @Override
    public void argmaxAxis(Storage x, int xOff, int outer, int len, int inner, int[] out) {
        REAL.argmaxAxis(planeView(x, 0), xOff, outer, len, inner, out);
    }

    @Override
    public void maxPool2d(Storage x, int xOff, int height, int width, int size, int firstPlane, int planeCount,
                          Storage out, int outOff, int[] argmax) {
        // The F64 kernel picks the windows' maxima by the constant term; the other coefficients follow the pick.
        REAL.maxPool2d(planeView(x, 0), xOff, height, width, size, firstPlane, planeCount, planeView(out, 0),
                outOff, argmax);
        int perPlane = (height / size) * (width / size);
        int from = firstPlane * perPlane;
        int to = (firstPlane + planeCount) * perPlane;
        double[][] xs = planesOf(x);
        double[][] os = planesOf(out);
        for (int p = 1; p < this.planeCount; p++) {
            double[] src = xs[p];
            double[] dst = os[p];
            for (int o = from; o < to; o++) {
                dst[outOff + o] = src[xOff + argmax[o]];
            }
        }
    }

    // ---------------------------------------------------------------- element-wise arithmetic

    @Override
    public void binary(BinaryOp op, Storage a, int aOff, int aStride, Storage b, int bOff, int bStride,
                       Storage out, int outOff, int n) {
        if (op == BinaryOp.ADD || op == BinaryOp.SUB) {
            for (int p = 0; p < planeCount; p++) {
                REAL.binary(op, planeView(a, p), aOff, aStride, planeView(b, p), bOff, bStride, planeView(out, p),
                        outOff, n);
            }
            return;
        }
        double[][] as = planesOf(a);
        double[][] bs = planesOf(b);
        double[][] os = planesOf(out);
        if (planewise(op, as, aOff, aStride, bs, bOff, bStride, os, outOff, n)) {
            return;
        }
        forEachChunk(n, (from, to) -> {
            SeriesRecurrences.Workspace w = new SeriesRecurrences.Workspace(order);
            for (int i = from; i < to; i++) {
                load(as, aOff + i * aStride, w.ur, w.ui);
                load(bs, bOff + i * bStride, w.vr, w.vi);
                if (op == BinaryOp.MUL) {
                    SeriesRecurrences.multiply(w.ur, w.ui, w.vr, w.vi, w.fr, w.fi, order);
                } else if (op == BinaryOp.DIV) {
                    SeriesRecurrences.divide(w.ur, w.ui, w.vr, w.vi, w.fr, w.fi, order);
                } else {
                    throw new IllegalArgumentException(op.name());
                }
                store(os, outOff + i, w.fr, w.fi);
            }
        });
    }

    /**
     * Products and quotients by the plane-by-plane kernels when the output does not alias an input; a broadcast
     * operand is expanded to a contiguous run first. False when the recurrences must do it.
     */
    private boolean planewise(BinaryOp op, double[][] as, int aOff, int aStride, double[][] bs, int bOff, int bStride,
                              double[][] os, int outOff, int n) {
        if (os == as || os == bs || n == 0) {
            return false;
        }
        if (n > 1 && aStride == 0) {
            as = broadcastRun(as, aOff, n);
            aOff = 0;
        }
        if (n > 1 && bStride == 0) {
            bs = broadcastRun(bs, bOff, n);
            bOff = 0;
        }
        if (op == BinaryOp.MUL) {
            SeriesPlanewise.multiply(as, aOff, bs, bOff, os, outOff, n, order);
            return true;
        }
        return SeriesPlanewise.divide(as, aOff, bs, bOff, os, outOff, n, order);
    }

    /** {@code n} copies of element {@code index}, as fresh planes. */
    private double[][] broadcastRun(double[][] planes, int index, int n) {
        double[][] run = new double[planeCount][n];
        for (int p = 0; p < planeCount; p++) {
            Arrays.fill(run[p], planes[p][index]);
        }
        return run;
    }

    @Override
    public void unary(UnaryOp op, Storage x, int xOff, Storage out, int outOff, int n) {
        double[][] xs = planesOf(x);
        double[][] os = planesOf(out);
        if (xs != os && n > 0) {
            if (op == UnaryOp.SQUARE) {
                SeriesPlanewise.multiply(xs, xOff, xs, xOff, os, outOff, n, order);
                return;
            }
            if (op == UnaryOp.SQRT && SeriesPlanewise.sqrt(xs, xOff, os, outOff, n, order)) {
                return;
            }
            if (op == UnaryOp.EXP && SeriesPlanewise.exp(xs, xOff, os, outOff, n, order)) {
                return;
            }
            if (op == UnaryOp.ERF && SeriesPlanewise.erf(xs, xOff, os, outOff, n, order)) {
                return;
            }
            if (op == UnaryOp.GELU && SeriesPlanewise.gelu(xs, xOff, os, outOff, n, order)) {
                return;
            }
        }
        switch (op) {
            case NEG:
                for (int p = 0; p < planeCount; p++) {
                    REAL.unary(UnaryOp.NEG, planeView(x, p), xOff, planeView(out, p), outOff, n);
                }
                return;
            case RELU:
                selectPositive(x, xOff, x, xOff, out, outOff, n);
                return;
            case ABS:
                abs(xs, xOff, os, outOff, n);
                return;
            default:
                break;
        }
        forEachChunk(n, (from, to) -> {
            SeriesRecurrences.Workspace w = new SeriesRecurrences.Workspace(order);
            for (int i = from; i < to; i++) {
                load(xs, xOff + i, w.ur, w.ui);
                apply(op, w);
                store(os, outOff + i, w.fr, w.fi);
            }
        });
    }

    private void apply(UnaryOp op, SeriesRecurrences.Workspace w) {
        switch (op) {
            case EXP: SeriesRecurrences.exp(w.ur, w.ui, w.fr, w.fi, order); return;
            case LOG: SeriesRecurrences.log(w.ur, w.ui, w.fr, w.fi, order); return;
            case SQRT: SeriesRecurrences.sqrt(w.ur, w.ui, w.fr, w.fi, order); return;
            case TANH: SeriesRecurrences.tanh(w.ur, w.ui, w.fr, w.fi, order, w); return;
            case ERF: SeriesRecurrences.erf(w.ur, w.ui, w.fr, w.fi, order, w); return;
            case GELU: SeriesRecurrences.gelu(w.ur, w.ui, w.fr, w.fi, order, w); return;
            case SQUARE: SeriesRecurrences.multiply(w.ur, w.ui, w.ur, w.ui, w.fr, w.fi, order); return;
            case RECIPROCAL: SeriesRecurrences.reciprocal(w.ur, w.ui, w.fr, w.fi, order); return;
            default: throw new IllegalArgumentException(op.name());
        }
    }

    /**
     * |x| is {@code sign(re c_0) x} near a nonzero real constant term; at zero it has no power series unless the
     * element is zero, and with a complex constant term it is not analytic.
     */
    private void abs(double[][] xs, int xOff, double[][] os, int outOff, int n) {
        // Errors name the element by its output index: element-wise passes may be split into ranges, and a
        // fresh output's index is the element's index in the whole array.
        for (int i = 0; i < n; i++) {
            double c0 = xs[0][xOff + i];
            if (xs[1][xOff + i] != 0) {
                throw new IllegalArgumentException("series abs needs a real constant term, element " + (outOff + i)
                        + " has imaginary part " + xs[1][xOff + i]);
            }
            if (c0 == 0) {
                for (int p = 2; p < planeCount; p++) {
                    if (xs[p][xOff + i] != 0) {
                        throw new IllegalArgumentException("series abs of element " + (outOff + i) + " with zero constant term"
                                + " and a nonzero z^" + p / 2 + " coefficient has no power series");
                    }
                }
            }
            double sign = c0 < 0 ? -1.0 : 1.0;
            os[0][outOff + i] = Math.abs(c0);
            for (int p = 1; p < planeCount; p++) {
                os[p][outOff + i] = sign * xs[p][xOff + i];
            }
        }
    }

    @Override
    public void pow(Storage x, int xOff, double p, Storage out, int outOff, int n) {
        double[][] xs = planesOf(x);
        double[][] os = planesOf(out);
        forEachChunk(n, (from, to) -> {
            SeriesRecurrences.Workspace w = new SeriesRecurrences.Workspace(order);
            for (int i = from; i < to; i++) {
                load(xs, xOff + i, w.ur, w.ui);
                SeriesRecurrences.pow(w.ur, w.ui, p, w.fr, w.fi, order, w);
                store(os, outOff + i, w.fr, w.fi);
            }
        });
    }

    private void load(double[][] planes, int index, double[] re, double[] im) {
        for (int r = 0; r <= order; r++) {
            re[r] = planes[2 * r][index];
            im[r] = planes[2 * r + 1][index];
        }
    }

    private void store(double[][] planes, int index, double[] re, double[] im) {
        for (int r = 0; r <= order; r++) {
            planes[2 * r][index] = re[r];
            planes[2 * r + 1][index] = im[r];
        }
    }

    @FunctionalInterface
    private interface RangeTask {
        void run(int from, int to);
    }

    private static void forEachChunk(int n, RangeTask task) {
        if (n <= CHUNK) {
            task.run(0, n);
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        try {
            Parallel.forEachChunk(chunks, c -> task.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
        } catch (IllegalArgumentException e) {
            // A worker's exception may arrive rewrapped in one of its own type; the original message is the useful one.
            if (e.getCause() instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e.getCause();
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- matrix product

    /** The Cauchy product of complex matrix coefficients through real BLAS, see {@link SeriesGemm}. */
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
                     double beta, Storage c, int cOff, int ldc) {
        SeriesGemm.gemm(order, transA, transB, m, n, k, alpha, planesOf(a), aOff, lda, planesOf(b), bOff, ldb,
                beta, planesOf(c), cOff, ldc);
    }
}
