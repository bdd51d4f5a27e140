package org.lethe.tensor;

/**
 * Real numbers in IEEE single precision: the training algebra. Transcendental functions are evaluated in
 * double precision and rounded once, so results do not depend on which float approximation a JVM picks.
 */
public final class Real32 implements Algebra {
    /** The single instance. */
    public static final Real32 INSTANCE = new Real32();

    private Real32() {
    }

    private static float[] f(Storage s) {
        return ((FloatStorage) s).data;
    }

    @Override
    public String name() {
        return "f32";
    }

    @Override
    public Storage allocate(int size) {
        return new FloatStorage(new float[size]);
    }

    @Override
    public Storage fromDoubles(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return new FloatStorage(out);
    }

    @Override
    public double key(Storage s, int index) {
        return f(s)[index];
    }

    @Override
    public void setConstant(Storage s, int index, double value) {
        f(s)[index] = (float) value;
    }

    @Override
    public void fill(Storage s, int off, int n, double value) {
        java.util.Arrays.fill(f(s), off, off + n, (float) value);
    }

    @Override
    public void copy(Storage src, int srcOff, Storage dst, int dstOff, int n) {
        System.arraycopy(f(src), srcOff, f(dst), dstOff, n);
    }

    @Override
    public void binary(BinaryOp op, Storage as, int ao, int ai, Storage bs, int bo, int bi,
                       Storage os, int oo, int n) {
        float[] a = f(as);
        float[] b = f(bs);
        float[] o = f(os);
        if (ai == 1 && bi == 1) {
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i]; return;
                case SUB: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i]; return;
                case MUL: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i]; return;
                case DIV: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i]; return;
                default: throw new IllegalArgumentException(op.name());
            }
        }
        if (ai == 1 && bi == 0) {
            float y = b[bo];
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + y; return;
                case SUB: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - y; return;
                case MUL: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * y; return;
                case DIV: for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / y; return;
                default: throw new IllegalArgumentException(op.name());
            }
        }
        for (int i = 0, ia = ao, ib = bo; i < n; i++, ia += ai, ib += bi) {
            float x = a[ia];
            float y = b[ib];
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
        float[] x = f(xs);
        float[] o = f(os);
        switch (op) {
            case RELU:
                // Math.max vectorises; a conditional on the sign mispredicts on random data (about 10x slower).
                // Identical results except that NaN propagates instead of becoming 0.
                for (int i = 0; i < n; i++) {
                    o[oo + i] = Math.max(x[xo + i], 0f);
                }
                return;
            case NEG:
                for (int i = 0; i < n; i++) o[oo + i] = -x[xo + i];
                return;
            case SQUARE:
                for (int i = 0; i < n; i++) o[oo + i] = x[xo + i] * x[xo + i];
                return;
            case SQRT:
                for (int i = 0; i < n; i++) o[oo + i] = (float) Math.sqrt(x[xo + i]);
                return;
            case EXP:
                for (int i = 0; i < n; i++) o[oo + i] = (float) Math.exp(x[xo + i]);
                return;
            case RECIPROCAL:
                for (int i = 0; i < n; i++) o[oo + i] = 1f / x[xo + i];
                return;
            default:
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) Real64.apply(op, x[xo + i]);
                }
        }
    }

    @Override
    public void pow(Storage xs, int xo, double p, Storage os, int oo, int n) {
        float[] x = f(xs);
        float[] o = f(os);
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) Math.pow(x[xo + i], p);
        }
    }

    @Override
    public void affine(Storage xs, int xo, double scale, double shift, Storage os, int oo, int n) {
        float[] x = f(xs);
        float[] o = f(os);
        float s = (float) scale;
        float t = (float) shift;
        for (int i = 0; i < n; i++) {
            o[oo + i] = x[xo + i] * s + t;
        }
    }

    @Override
    public void axpy(double alpha, Storage xs, int xo, Storage ys, int yo, int n) {
        float[] x = f(xs);
        float[] y = f(ys);
        float al = (float) alpha;
        for (int i = 0; i < n; i++) {
            y[yo + i] += al * x[xo + i];
        }
    }

    @Override
    public void selectPositive(Storage ks, int ko, Storage gs, int go, Storage os, int oo, int n) {
        float[] k = f(ks);
        float[] g = f(gs);
        float[] o = f(os);
        // Branch-free: the mask is all ones exactly when the key's bits are a positive int (key > 0, or a NaN with
        // the sign bit clear), so the loop does not mispredict on random signs.
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(k[ko + i]);
            int notPositive = ((bits - 1) | bits) >> 31;
            o[oo + i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[go + i]) & ~notPositive);
        }
    }

    @Override
    public void sumAxis(Storage xs, int xo, int outer, int len, int inner, Storage os, int oo) {
        float[] x = f(xs);
        float[] o = f(os);
        for (int a = 0; a < outer; a++) {
            int ob = oo + a * inner;
            java.util.Arrays.fill(o, ob, ob + inner, 0f);
            int xb = xo + a * len * inner;
            if (inner == 1) {
                float s = 0f;
                for (int l = 0; l < len; l++) {
                    s += x[xb + l];
                }
                o[ob] = s;
                continue;
            }
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
        float[] x = f(xs);
        for (int a = 0; a < outer; a++) {
            for (int i = 0; i < inner; i++) {
                int base = xo + a * len * inner + i;
                int best = 0;
                float bestValue = x[base];
                for (int l = 1; l < len; l++) {
                    float v = x[base + l * inner];
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
        float[] s = f(ss);
        float[] dst = f(ds);
        for (int i = 0; i < map.length; i++) {
            int m = map[i];
            dst[dOff + i] = m < 0 ? 0f : s[so + m];
        }
    }

    @Override
    public void scatterAdd(Storage ss, int so, int[] map, Storage ds, int dOff) {
        float[] s = f(ss);
        float[] dst = f(ds);
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
        Blas.sgemm(transA, transB, m, n, k, (float) alpha, f(a), aOff, lda, f(b), bOff, ldb,
                (float) beta, f(c), cOff, ldc);
    }

    @Override
    public double[] toDoubles(Storage s, int off, int n) {
        float[] x = f(s);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = x[off + i];
        }
        return out;
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public void im2col(Storage xs, int xOff, int images, ConvGeometry g, Storage cs, int colsOff, int ldCols) {
        float[] x = f(xs);
        float[] cols = f(cs);
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
                                java.util.Arrays.fill(cols, dst, dst + outW, 0f);
                                continue;
                            }
                            int src = image + ih * g.width;
                            for (int ow = 0; ow < owFrom; ow++) {
                                cols[dst + ow] = 0f;
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
                                cols[dst + ow] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void col2im(Storage cs, int colsOff, int ldCols, int images, ConvGeometry g, Storage xs, int xOff) {
        float[] cols = f(cs);
        float[] x = f(xs);
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
    private static void addRow(float[] cols, int src, float[] x, int dst, int from, int to) {
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
        float[] x = f(xs);
        float[] out = f(os);
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
                    float bestValue = x[xOff + best];
                    if (size == 2) {
                        float a = x[xOff + corner];
                        float b = x[xOff + corner + 1];
                        float c = x[xOff + corner + width];
                        float d = x[xOff + corner + width + 1];
                        float m = Math.max(Math.max(a, b), Math.max(c, d));
                        if (m == m) {
                            best = corner + firstEqualOf2x2(a, b, c, d, m, width);
                            out[outOff + o] = x[xOff + best];
                            argmax[o] = best;
                            continue;
                        }
                    }
                    for (int i = 0; i < size; i++) {
                        int rowStart = corner + i * width;
                        for (int j = 0; j < size; j++) {
                            float v = x[xOff + rowStart + j];
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

    /**
     * The offset from the window's corner of the first of {@code a b / c d} equal to their maximum {@code m}
     * (not NaN), in row-major order: the element a scan with {@code >} picks, since {@code -0 == +0}. Computed
     * from a bit mask rather than by branching, because which element wins is unpredictable and mispredicted
     * branches cost more than the rest of pooling.
     */
    private static int firstEqualOf2x2(float a, float b, float c, float d, float m, int width) {
        int equal = (a == m ? 1 : 0) | (b == m ? 2 : 0) | (c == m ? 4 : 0) | (d == m ? 8 : 0);
        int first = Integer.numberOfTrailingZeros(equal);
        return (first & 1) + (first >> 1) * width;
    }
}
