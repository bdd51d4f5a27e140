package org.lethe.tensor;

/** Real numbers in IEEE double precision: the algebra for gradient checks and precise measurements. */
public final class Real64 implements Algebra {
    /** The single instance. */
    public static final Real64 INSTANCE = new Real64();
    private static final double INV_SQRT2 = 0.7071067811865476;

    private Real64() {
    }

    private static double[] d(Storage s) {
        return ((DoubleStorage) s).planes[0];
    }

    @Override
    public String name() {
        return "f64";
    }

    @Override
    public Storage allocate(int size) {
        return new DoubleStorage(new double[size]);
    }

    @Override
    public Storage fromDoubles(double[] values) {
        return new DoubleStorage(values.clone());
    }

    @Override
    public double key(Storage s, int index) {
        return d(s)[index];
    }

    @Override
    public void setConstant(Storage s, int index, double value) {
        d(s)[index] = value;
    }

    @Override
    public void fill(Storage s, int off, int n, double value) {
        java.util.Arrays.fill(d(s), off, off + n, value);
    }

    @Override
    public void copy(Storage src, int srcOff, Storage dst, int dstOff, int n) {
        System.arraycopy(d(src), srcOff, d(dst), dstOff, n);
    }

    @Override
    public void binary(BinaryOp op, Storage as, int ao, int ai, Storage bs, int bo, int bi,
                       Storage os, int oo, int n) {
        double[] a = d(as);
        double[] b = d(bs);
        double[] o = d(os);
        if (ai == 1 && bi == 1) {
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i]; return;
                case SUB: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i]; return;
                case MUL: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i]; return;
                case DIV: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i]; return;
                default: throw new IllegalArgumentException(op.name());
            }
        }
        for (int i = 0, ia = ao, ib = bo; i < n; i++, ia += ai, ib += bi) {
            double x = a[ia];
            double y = b[ib];
            switch (op) {
                case ADD: o[oo + i] = x + y; break;
                case SUB: o[oo + i] = x - y; break;
                case MUL: o[oo + i] = x * y; break;
                case DIV: o[oo + i] = x / y; break;
                default: throw new IllegalArgumentException(op.name());
            }
        }
    }

    @Override
    public void unary(UnaryOp op, Storage xs, int xo, Storage os, int oo, int n) {
        double[] x = d(xs);
        double[] o = d(os);
        switch (op) {
            case SQRT:
                for (int i = 0; i < n; i++) o[oo + i] = Math.sqrt(x[xo + i]);
                return;
            case EXP:
                for (int i = 0; i < n; i++) o[oo + i] = Math.exp(x[xo + i]);
                return;
            case RELU:
                for (int i = 0; i < n; i++) o[oo + i] = Math.max(x[xo + i], 0.0);
                return;
            default:
                for (int i = 0; i < n; i++) {
                    o[oo + i] = apply(op, x[xo + i]);
                }
        }
    }

    static double apply(UnaryOp op, double v) {
        switch (op) {
            case NEG: return -v;
            case EXP: return Math.exp(v);
            case LOG: return Math.log(v);
            case SQRT: return Math.sqrt(v);
            case TANH: return Math.tanh(v);
            case RELU: return Math.max(v, 0.0);
            case ERF: return Erf.erf(v);
            case GELU: return 0.5 * v * (1.0 + Erf.erf(v * INV_SQRT2));
            case SQUARE: return v * v;
            case RECIPROCAL: return 1.0 / v;
            case ABS: return Math.abs(v);
            default: throw new IllegalArgumentException(op.name());
        }
    }

    @Override
    public void pow(Storage xs, int xo, double p, Storage os, int oo, int n) {
        double[] x = d(xs);
        double[] o = d(os);
        for (int i = 0; i < n; i++) {
            o[oo + i] = Math.pow(x[xo + i], p);
        }
    }

    @Override
    public void affine(Storage xs, int xo, double scale, double shift, Storage os, int oo, int n) {
        double[] x = d(xs);
        double[] o = d(os);
        for (int i = 0; i < n; i++) {
            o[oo + i] = x[xo + i] * scale + shift;
        }
    }

    @Override
    public void axpy(double alpha, Storage xs, int xo, Storage ys, int yo, int n) {
        double[] x = d(xs);
        double[] y = d(ys);
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    @Override
    public void selectPositive(Storage ks, int ko, Storage gs, int go, Storage os, int oo, int n) {
        double[] k = d(ks);
        double[] g = d(gs);
        double[] o = d(os);
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(k[ko + i]);
            long notPositive = ((bits - 1) | bits) >> 63;
            o[oo + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[go + i]) & ~notPositive);
        }
    }

    @Override
    public void sumAxis(Storage xs, int xo, int outer, int len, int inner, Storage os, int oo) {
        double[] x = d(xs);
        double[] o = d(os);
        for (int a = 0; a < outer; a++) {
            int ob = oo + a * inner;
            java.util.Arrays.fill(o, ob, ob + inner, 0.0);
            int xb = xo + a * len * inner;
            for (int l = 0; l < len; l++) {
                int row = xb + l * inner;
                for (int i = 0; i < inner; i++) {
                    o[ob + i] += x[row + i];
                }
            }
        }
    }

    @Override
    public void argmaxAxis(Storage xs, int xo, int outer, int len, int inner, int[] out) {
        double[] x = d(xs);
        for (int a = 0; a < outer; a++) {
            for (int i = 0; i < inner; i++) {
                int base = xo + a * len * inner + i;
                int best = 0;
                double bestValue = x[base];
                for (int l = 1; l < len; l++) {
                    double v = x[base + l * inner];
                    if (v > bestValue) {
                        bestValue = v;
                        best = l;
                    }
                }
                out[a * inner + i] = best;
            }
        }
    }

    @Override
    public void gather(Storage ss, int so, int[] map, Storage ds, int dOff) {
        double[] s = d(ss);
        double[] dst = d(ds);
        for (int i = 0; i < map.length; i++) {
            int m = map[i];
            dst[dOff + i] = m < 0 ? 0.0 : s[so + m];
        }
    }

    @Override
    public void scatterAdd(Storage ss, int so, int[] map, Storage ds, int dOff) {
        double[] s = d(ss);
        double[] dst = d(ds);
        for (int i = 0; i < map.length; i++) {
            int m = map[i];
            if (m >= 0) {
                dst[dOff + m] += s[so + i];
            }
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
                     double beta, Storage c, int cOff, int ldc) {
        Blas.dgemm(transA, transB, m, n, k, alpha, d(a), aOff, lda, d(b), bOff, ldb, beta, d(c), cOff, ldc);
    }

    @Override
    public double[] toDoubles(Storage s, int off, int n) {
        return java.util.Arrays.copyOfRange(d(s), off, off + n);
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public void im2col(Storage xs, int xOff, int images, ConvGeometry g, Storage cs, int colsOff, int ldCols) {
        double[] x = d(xs);
        double[] cols = d(cs);
        int outH = g.outHeight;
        int outW = g.outWidth;
        int positions = outH * outW;
        int imageSize = g.imageSize();
        int row = 0;
        // Row-major over the output, so that writes stream through memory; each image's input is small and
        // stays in cache across rows.
        for (int c = 0; c < g.channels; c++) {
            for (int i = 0; i < g.kernelH; i++) {
                for (int j = 0; j < g.kernelW; j++, row++) {
                    int owFrom = g.firstInsideColumn(j);
                    int owTo = g.endInsideColumn(j);
                    for (int n = 0; n < images; n++) {
                        int image = xOff + n * imageSize + c * g.height * g.width - g.padding + j;
                        int dstBase = colsOff + row * ldCols + n * positions;
                        for (int oh = 0; oh < outH; oh++) {
                            int dst = dstBase + oh * outW;
                            int ih = oh * g.stride - g.padding + i;
                            if (ih < 0 || ih >= g.height) {
                                java.util.Arrays.fill(cols, dst, dst + outW, 0.0);
                                continue;
                            }
                            int src = image + ih * g.width;
                            for (int ow = 0; ow < owFrom; ow++) {
                                cols[dst + ow] = 0.0;
                            }
                            if (g.stride == 1) {
                                // Rows are short (the output width); the copy intrinsic beats a loop that the
                                // compiler would split into pre-, main and post-loops.
                                System.arraycopy(x, src + owFrom, cols, dst + owFrom, owTo - owFrom);
                            } else {
                                for (int ow = owFrom; ow < owTo; ow++) {
                                    cols[dst + ow] = x[src + ow * g.stride];
                                }
                            }
                            for (int ow = owTo; ow < outW; ow++) {
                                cols[dst + ow] = 0.0;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void col2im(Storage cs, int colsOff, int ldCols, int images, ConvGeometry g, Storage xs, int xOff) {
        double[] cols = d(cs);
        double[] x = d(xs);
        int outH = g.outHeight;
        int outW = g.outWidth;
        int positions = outH * outW;
        int imageSize = g.imageSize();
        int row = 0;
        // Row-major over the columns, so that reads stream through memory.
        for (int c = 0; c < g.channels; c++) {
            for (int i = 0; i < g.kernelH; i++) {
                for (int j = 0; j < g.kernelW; j++, row++) {
                    int owFrom = g.firstInsideColumn(j);
                    int owTo = g.endInsideColumn(j);
                    for (int n = 0; n < images; n++) {
                        int image = xOff + n * imageSize + c * g.height * g.width - g.padding + j;
                        int srcBase = colsOff + row * ldCols + n * positions;
                        for (int oh = 0; oh < outH; oh++) {
                            int ih = oh * g.stride - g.padding + i;
                            if (ih < 0 || ih >= g.height) {
                                continue;
                            }
                            int src = srcBase + oh * outW;
                            int dst = image + ih * g.width;
                            if (g.stride == 1) {
                                addRow(cols, src, x, dst, owFrom, owTo);
                            } else {
                                for (int ow = owFrom; ow < owTo; ow++) {
                                    x[dst + ow * g.stride] += cols[src + ow];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code x[dst + ow] += cols[src + ow]} for {@code ow} in {@code [from, to)}, unrolled by four: rows are the
     * output width (often 8 to 24), too short for the compiler's own vectorised main loop to pay off.
     */
    private static void addRow(double[] cols, int src, double[] x, int dst, int from, int to) {
        int ow = from;
        for (; ow + 4 <= to; ow += 4) {
            x[dst + ow] += cols[src + ow];
            x[dst + ow + 1] += cols[src + ow + 1];
            x[dst + ow + 2] += cols[src + ow + 2];
            x[dst + ow + 3] += cols[src + ow + 3];
        }
        for (; ow < to; ow++) {
            x[dst + ow] += cols[src + ow];
        }
    }

    @Override
    public void maxPool2d(Storage xs, int xOff, int height, int width, int size, int firstPlane, int planeCount,
                          Storage os, int outOff, int[] argmax) {
        double[] x = d(xs);
        double[] out = d(os);
        int outH = height / size;
        int outW = width / size;
        for (int p = firstPlane; p < firstPlane + planeCount; p++) {
            int plane = p * height * width;
            int o = p * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int top = plane + oh * size * width;
                for (int ow = 0; ow < outW; ow++, o++) {
                    int corner = top + ow * size;
                    int best = corner;
                    double bestValue = x[xOff + best];
                    for (int i = 0; i < size; i++) {
                        int rowStart = corner + i * width;
                        for (int j = 0; j < size; j++) {
                            double v = x[xOff + rowStart + j];
                            if (v > bestValue) {
                                bestValue = v;
                                best = rowStart + j;
                            }
                        }
                    }
                    out[outOff + o] = bestValue;
                    argmax[o] = best;
                }
            }
        }
    }
}
