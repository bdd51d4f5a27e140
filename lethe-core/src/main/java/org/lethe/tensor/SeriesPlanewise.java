package org.lethe.tensor;

/**
 * Plane-by-plane kernels for the most frequent {@link Series} operations (product, quotient, square root, exp, erf, GELU) on
 * whole ranges of elements: the innermost loop runs over elements of one coefficient plane, which the JIT
 * vectorises, instead of gathering each element's coefficients into scratch arrays and back. They perform exactly
 * the floating-point operations of {@link SeriesRecurrences}, in the same order, so results are bit-identical to
 * the element-at-a-time recurrences; each kernel declines (returns false) the cases it does not cover (aliased
 * output, a complex or zero constant term of a divisor or root), which the caller then hands to the recurrences.
 *
 * <p>Operands are contiguous runs of {@code n} elements; a broadcast (stride-0) operand is first expanded into a
 * temporary run by the caller.
 */
final class SeriesPlanewise {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT2 = 0.7071067811865476;

    private SeriesPlanewise() {
    }

    /** {@code o = a b}, truncated at order {@code k}. */
    static void multiply(double[][] a, int aOff, double[][] b, int bOff, double[][] o, int oOff, int n, int k) {
        for (int r = 0; r <= k; r++) {
            double[] or = o[2 * r];
            double[] oi = o[2 * r + 1];
            double[] a0r = a[0];
            double[] a0i = a[1];
            double[] br = b[2 * r];
            double[] bi = b[2 * r + 1];
            for (int i = 0; i < n; i++) {
                double xr = a0r[aOff + i];
                double xi = a0i[aOff + i];
                double yr = br[bOff + i];
                double yi = bi[bOff + i];
                or[oOff + i] = xr * yr - xi * yi;
                oi[oOff + i] = xr * yi + xi * yr;
            }
            for (int j = 1; j <= r; j++) {
                double[] ajr = a[2 * j];
                double[] aji = a[2 * j + 1];
                double[] bjr = b[2 * (r - j)];
                double[] bji = b[2 * (r - j) + 1];
                for (int i = 0; i < n; i++) {
                    double xr = ajr[aOff + i];
                    double xi = aji[aOff + i];
                    double yr = bjr[bOff + i];
                    double yi = bji[bOff + i];
                    or[oOff + i] += xr * yr - xi * yi;
                    oi[oOff + i] += xr * yi + xi * yr;
                }
            }
        }
    }

    /**
     * {@code o = a / b} when every divisor has a nonzero real constant term; false (nothing written) otherwise.
     */
    static boolean divide(double[][] a, int aOff, double[][] b, int bOff, double[][] o, int oOff, int n, int k) {
        double[] b0r = b[0];
        double[] b0i = b[1];
        for (int i = 0; i < n; i++) {
            if (b0i[bOff + i] != 0 || b0r[bOff + i] == 0) {
                return false;
            }
        }
        for (int r = 0; r <= k; r++) {
            double[] or = o[2 * r];
            double[] oi = o[2 * r + 1];
            System.arraycopy(a[2 * r], aOff, or, oOff, n);
            System.arraycopy(a[2 * r + 1], aOff, oi, oOff, n);
            for (int j = 1; j <= r; j++) {
                double[] bjr = b[2 * j];
                double[] bji = b[2 * j + 1];
                double[] fr = o[2 * (r - j)];
                double[] fi = o[2 * (r - j) + 1];
                for (int i = 0; i < n; i++) {
                    double xr = bjr[bOff + i];
                    double xi = bji[bOff + i];
                    double yr = fr[oOff + i];
                    double yi = fi[oOff + i];
                    or[oOff + i] -= xr * yr - xi * yi;
                    oi[oOff + i] -= xr * yi + xi * yr;
                }
            }
            for (int i = 0; i < n; i++) {
                double d = b0r[bOff + i];
                or[oOff + i] = or[oOff + i] / d;
                oi[oOff + i] = oi[oOff + i] / d;
            }
        }
        return true;
    }

    /** {@code o = sqrt(u)} when every constant term is real and positive; false (nothing written) otherwise. */
    static boolean sqrt(double[][] u, int uOff, double[][] o, int oOff, int n, int k) {
        double[] u0r = u[0];
        double[] u0i = u[1];
        for (int i = 0; i < n; i++) {
            if (u0i[uOff + i] != 0 || !(u0r[uOff + i] > 0)) {
                return false;
            }
        }
        double[] f0 = o[0];
        java.util.Arrays.fill(o[1], oOff, oOff + n, 0.0);
        for (int i = 0; i < n; i++) {
            f0[oOff + i] = Math.sqrt(u0r[uOff + i]);
        }
        for (int r = 1; r <= k; r++) {
            double[] or = o[2 * r];
            double[] oi = o[2 * r + 1];
            System.arraycopy(u[2 * r], uOff, or, oOff, n);
            System.arraycopy(u[2 * r + 1], uOff, oi, oOff, n);
            for (int j = 1; j < r; j++) {
                double[] xjr = o[2 * j];
                double[] xji = o[2 * j + 1];
                double[] yjr = o[2 * (r - j)];
                double[] yji = o[2 * (r - j) + 1];
                for (int i = 0; i < n; i++) {
                    double xr = xjr[oOff + i];
                    double xi = xji[oOff + i];
                    double yr = yjr[oOff + i];
                    double yi = yji[oOff + i];
                    or[oOff + i] -= xr * yr - xi * yi;
                    oi[oOff + i] -= xr * yi + xi * yr;
                }
            }
            for (int i = 0; i < n; i++) {
                double twoF0 = 2.0 * f0[oOff + i];
                or[oOff + i] = or[oOff + i] / twoF0;
                oi[oOff + i] = oi[oOff + i] / twoF0;
            }
        }
        return true;
    }

    /** True when every element of the range has a real constant term (the imaginary part is exactly zero). */
    static boolean realConstants(double[][] u, int uOff, int n) {
        double[] u0i = u[1];
        for (int i = 0; i < n; i++) {
            if (u0i[uOff + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code o = exp(u)} when every constant term is real; false (nothing written) otherwise. */
    static boolean exp(double[][] u, int uOff, double[][] o, int oOff, int n, int k) {
        if (!realConstants(u, uOff, n)) {
            return false;
        }
        double[] u0 = u[0];
        double[] f0 = o[0];
        for (int i = 0; i < n; i++) {
            f0[oOff + i] = Math.exp(u0[uOff + i]);
        }
        java.util.Arrays.fill(o[1], oOff, oOff + n, 0.0);
        derivativeIntegral(u, uOff, o, oOff, o, oOff, n, k);
        return true;
    }

    /** {@code o = erf(u)} when every constant term is real; false (nothing written) otherwise. */
    static boolean erf(double[][] u, int uOff, double[][] o, int oOff, int n, int k) {
        if (!realConstants(u, uOff, n)) {
            return false;
        }
        erfReal(u, uOff, o, oOff, n, k);
        return true;
    }

    private static void erfReal(double[][] u, int uOff, double[][] o, int oOff, int n, int k) {
        // s = (2/sqrt pi) exp(-u^2), as SeriesRecurrences.erf builds it.
        double[][] t = new double[2 * (k + 1)][n];
        multiply(u, uOff, u, uOff, t, 0, n, k);
        for (double[] plane : t) {
            for (int i = 0; i < n; i++) {
                plane[i] = -plane[i];
            }
        }
        double[][] s = new double[2 * (k + 1)][n];
        for (int i = 0; i < n; i++) {
            s[0][i] = Math.exp(t[0][i]);
        }
        derivativeIntegral(t, 0, s, 0, s, 0, n, k);
        for (double[] plane : s) {
            for (int i = 0; i < n; i++) {
                plane[i] *= TWO_OVER_SQRT_PI;
            }
        }
        double[] u0 = u[0];
        double[] f0 = o[0];
        for (int i = 0; i < n; i++) {
            f0[oOff + i] = Erf.erf(u0[uOff + i]);
        }
        java.util.Arrays.fill(o[1], oOff, oOff + n, 0.0);
        derivativeIntegral(u, uOff, s, 0, o, oOff, n, k);
    }

    /** {@code o = u Phi(u)} when every constant term is real; false (nothing written) otherwise. */
    static boolean gelu(double[][] u, int uOff, double[][] o, int oOff, int n, int k) {
        if (!realConstants(u, uOff, n)) {
            return false;
        }
        int planes = 2 * (k + 1);
        double[][] v = new double[planes][n];
        for (int p = 0; p < planes; p++) {
            double[] from = u[p];
            double[] to = v[p];
            for (int i = 0; i < n; i++) {
                to[i] = from[uOff + i] * INV_SQRT2;
            }
        }
        double[][] f = new double[planes][n];
        erfReal(v, 0, f, 0, n, k);
        for (int r = 0; r <= k; r++) {
            double shift = r == 0 ? 0.5 : 0.0;
            double[] fr = f[2 * r];
            double[] fi = f[2 * r + 1];
            double[] vr = v[2 * r];
            double[] vi = v[2 * r + 1];
            for (int i = 0; i < n; i++) {
                vr[i] = 0.5 * fr[i] + shift;
                vi[i] = 0.5 * fi[i];
            }
        }
        multiply(u, uOff, v, 0, o, oOff, n, k);
        double[] u0 = u[0];
        double[] o0 = o[0];
        for (int i = 0; i < n; i++) {
            o0[oOff + i] = Real64.apply(UnaryOp.GELU, u0[uOff + i]);
        }
        return true;
    }

    /**
     * Completes {@code f} from {@code f_0} for {@code f' = g u'}: {@code f_r = (1/r) sum_{j=1..r} j u_j g_{r-j}}.
     * {@code g} may be {@code f} (same planes and offset).
     */
    private static void derivativeIntegral(double[][] u, int uOff, double[][] g, int gOff, double[][] f, int fOff,
                                           int n, int k) {
        for (int r = 1; r <= k; r++) {
            double[] fr = f[2 * r];
            double[] fi = f[2 * r + 1];
            java.util.Arrays.fill(fr, fOff, fOff + n, 0.0);
            java.util.Arrays.fill(fi, fOff, fOff + n, 0.0);
            for (int j = 1; j <= r; j++) {
                double[] ujr = u[2 * j];
                double[] uji = u[2 * j + 1];
                double[] gjr = g[2 * (r - j)];
                double[] gji = g[2 * (r - j) + 1];
                double jj = j;
                for (int i = 0; i < n; i++) {
                    double xr = ujr[uOff + i];
                    double xi = uji[uOff + i];
                    double yr = gjr[gOff + i];
                    double yi = gji[gOff + i];
                    fr[fOff + i] += jj * (xr * yr - xi * yi);
                    fi[fOff + i] += jj * (xr * yi + xi * yr);
                }
            }
            double rr = r;
            for (int i = 0; i < n; i++) {
                fr[fOff + i] = fr[fOff + i] / rr;
                fi[fOff + i] = fi[fOff + i] / rr;
            }
        }
    }
}
