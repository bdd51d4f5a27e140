package org.lethe.tensor;

/**
 * Coefficient recurrences of truncated power series with complex coefficients, one series at a time. A series
 * of order {@code k} is two arrays {@code (re, im)} of at least {@code k + 1} coefficients; results go to arrays
 * distinct from the inputs. Every recurrence is the usual O(k^2) one obtained from a first-order differential
 * equation the function satisfies (for example {@code f' = f u'} for {@code f = exp(u)}).
 *
 * <p>The constant term of every result is computed exactly as {@link Real64} computes the function when the input
 * constant term is real, so the constant terms of a series computation reproduce the F64 computation bit for bit.
 */
final class SeriesRecurrences {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT2 = 0.7071067811865476;

    private SeriesRecurrences() {
    }

    /** Scratch coefficient arrays for one thread; the recurrences that need intermediate series use them. */
    static final class Workspace {
        final double[] ur;
        final double[] ui;
        final double[] vr;
        final double[] vi;
        final double[] fr;
        final double[] fi;
        final double[] sr;
        final double[] si;
        final double[] tr;
        final double[] ti;

        Workspace(int order) {
            int n = order + 1;
            ur = new double[n];
            ui = new double[n];
            vr = new double[n];
            vi = new double[n];
            fr = new double[n];
            fi = new double[n];
            sr = new double[n];
            si = new double[n];
            tr = new double[n];
            ti = new double[n];
        }
    }

    /** {@code f = a b}: the Cauchy product truncated at order {@code k}. */
    static void multiply(double[] ar, double[] ai, double[] br, double[] bi, double[] fr, double[] fi, int k) {
        for (int n = 0; n <= k; n++) {
            // The j = 0 term starts the sum so that a real constant term is exactly the real product.
            double sr = ar[0] * br[n] - ai[0] * bi[n];
            double si = ar[0] * bi[n] + ai[0] * br[n];
            for (int j = 1; j <= n; j++) {
                double xr = ar[j];
                double xi = ai[j];
                double yr = br[n - j];
                double yi = bi[n - j];
                sr += xr * yr - xi * yi;
                si += xr * yi + xi * yr;
            }
            fr[n] = sr;
            fi[n] = si;
        }
    }

    /** {@code f = a / b} by {@code f_n = (a_n - sum_{j=1..n} b_j f_{n-j}) / b_0}. */
    static void divide(double[] ar, double[] ai, double[] br, double[] bi, double[] fr, double[] fi, int k) {
        double b0r = br[0];
        double b0i = bi[0];
        if (b0r == 0 && b0i == 0) {
            throw new IllegalArgumentException("series division needs a divisor with a nonzero constant term");
        }
        for (int n = 0; n <= k; n++) {
            double sr = ar[n];
            double si = ai[n];
            for (int j = 1; j <= n; j++) {
                double xr = br[j];
                double xi = bi[j];
                double yr = fr[n - j];
                double yi = fi[n - j];
                sr -= xr * yr - xi * yi;
                si -= xr * yi + xi * yr;
            }
            divideScalar(sr, si, b0r, b0i, fr, fi, n);
        }
    }

    /** {@code f = 1 / u}. */
    static void reciprocal(double[] ur, double[] ui, double[] fr, double[] fi, int k) {
        double u0r = ur[0];
        double u0i = ui[0];
        if (u0r == 0 && u0i == 0) {
            throw new IllegalArgumentException("series reciprocal needs a nonzero constant term");
        }
        for (int n = 0; n <= k; n++) {
            double sr = n == 0 ? 1.0 : 0.0;
            double si = 0.0;
            for (int j = 1; j <= n; j++) {
                double xr = ur[j];
                double xi = ui[j];
                double yr = fr[n - j];
                double yi = fi[n - j];
                sr -= xr * yr - xi * yi;
                si -= xr * yi + xi * yr;
            }
            divideScalar(sr, si, u0r, u0i, fr, fi, n);
        }
    }

    /** {@code f = exp(u)}: {@code f' = f u'}, so {@code f_n = (1/n) sum_{j=1..n} j u_j f_{n-j}}. */
    static void exp(double[] ur, double[] ui, double[] fr, double[] fi, int k) {
        if (ui[0] == 0) {
            fr[0] = Math.exp(ur[0]);
            fi[0] = 0.0;
        } else {
            double m = Math.exp(ur[0]);
            fr[0] = m * Math.cos(ui[0]);
            fi[0] = m * Math.sin(ui[0]);
        }
        derivativeIntegral(ur, ui, fr, fi, fr, fi, 1, k);
    }

    /** {@code f = log(u)} for a real constant term: {@code u f' = u'}. */
    static void log(double[] ur, double[] ui, double[] fr, double[] fi, int k) {
        double u0 = requireRealConstant("log", ur, ui);
        if (u0 == 0) {
            throw new IllegalArgumentException("series log needs a nonzero constant term");
        }
        if (!(u0 > 0)) {
            fillNaN(fr, fi, k);
            return;
        }
        fr[0] = Math.log(u0);
        fi[0] = 0.0;
        for (int n = 1; n <= k; n++) {
            double sr = 0;
            double si = 0;
            for (int j = 1; j < n; j++) {
                sr += j * (fr[j] * ur[n - j] - fi[j] * ui[n - j]);
                si += j * (fr[j] * ui[n - j] + fi[j] * ur[n - j]);
            }
            fr[n] = (ur[n] - sr / n) / u0;
            fi[n] = (ui[n] - si / n) / u0;
        }
    }

    /** {@code f = sqrt(u)} for a real constant term: {@code f^2 = u}. */
    static void sqrt(double[] ur, double[] ui, double[] fr, double[] fi, int k) {
        double u0 = requireRealConstant("sqrt", ur, ui);
        if (u0 == 0) {
            zeroOrFail("sqrt", ur, ui, fr, fi, k);
            return;
        }
        if (!(u0 > 0)) {
            fillNaN(fr, fi, k);
            return;
        }
        double f0 = Math.sqrt(u0);
        fr[0] = f0;
        fi[0] = 0.0;
        double twoF0 = 2.0 * f0;
        for (int n = 1; n <= k; n++) {
            double sr = ur[n];
            double si = ui[n];
            for (int j = 1; j < n; j++) {
                sr -= fr[j] * fr[n - j] - fi[j] * fi[n - j];
                si -= fr[j] * fi[n - j] + fi[j] * fr[n - j];
            }
            fr[n] = sr / twoF0;
            fi[n] = si / twoF0;
        }
    }

    /**
     * {@code f = u^p} for a real exponent and a real constant term, by J.C.P. Miller's recurrence from
     * {@code u f' = p u' f}: {@code n u_0 f_n = sum_{j=1..n} ((p + 1) j - n) u_j f_{n-j}}.
     */
    static void pow(double[] ur, double[] ui, double p, double[] fr, double[] fi, int k, Workspace w) {
        double u0 = requireRealConstant("pow", ur, ui);
        if (p == 0) {
            // Math.pow(x, 0) is 1 for every x, NaN included; the series is the constant 1.
            java.util.Arrays.fill(fr, 0, k + 1, 0.0);
            java.util.Arrays.fill(fi, 0, k + 1, 0.0);
            fr[0] = 1.0;
            return;
        }
        boolean integer = p == Math.rint(p) && Math.abs(p) <= 1L << 31;
        if (u0 == 0) {
            if (integer && p > 0) {
                integerPower(ur, ui, (long) p, fr, fi, k, w);
            } else if (p > 0) {
                zeroOrFail("pow with a non-integer exponent", ur, ui, fr, fi, k);
            } else {
                throw new IllegalArgumentException("series pow with exponent " + p + " needs a nonzero constant term");
            }
            return;
        }
        if (u0 < 0 && !integer) {
            fillNaN(fr, fi, k);
            return;
        }
        fr[0] = Math.pow(u0, p);
        fi[0] = 0.0;
        for (int n = 1; n <= k; n++) {
            double sr = 0;
            double si = 0;
            for (int j = 1; j <= n; j++) {
                double c = (p + 1) * j - n;
                sr += c * (ur[j] * fr[n - j] - ui[j] * fi[n - j]);
                si += c * (ur[j] * fi[n - j] + ui[j] * fr[n - j]);
            }
            double d = n * u0;
            fr[n] = sr / d;
            fi[n] = si / d;
        }
    }

    /** {@code u^p} for a positive integer {@code p} by repeated squaring (works where {@code u_0 = 0}). */
    private static void integerPower(double[] ur, double[] ui, long p, double[] fr, double[] fi, int k, Workspace w) {
        double[] br = w.sr;
        double[] bi = w.si;
        System.arraycopy(ur, 0, br, 0, k + 1);
        System.arraycopy(ui, 0, bi, 0, k + 1);
        java.util.Arrays.fill(fr, 0, k + 1, 0.0);
        java.util.Arrays.fill(fi, 0, k + 1, 0.0);
        fr[0] = 1.0;
        double[] tr = w.tr;
        double[] ti = w.ti;
        for (long e = p; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                multiply(fr, fi, br, bi, tr, ti, k);
                System.arraycopy(tr, 0, fr, 0, k + 1);
                System.arraycopy(ti, 0, fi, 0, k + 1);
            }
            if (e > 1) {
                multiply(br, bi, br, bi, tr, ti, k);
                System.arraycopy(tr, 0, br, 0, k + 1);
                System.arraycopy(ti, 0, bi, 0, k + 1);
            }
        }
    }

    /**
     * {@code t = tanh(u)}: {@code t' = (1 - t^2) u'}. The series {@code s = 1 - t^2} is built alongside, each
     * {@code t_n} needing {@code s} only up to {@code n - 1}.
     */
    static void tanh(double[] ur, double[] ui, double[] fr, double[] fi, int k, Workspace w) {
        double[] sr = w.sr;
        double[] si = w.si;
        complexTanh(ur[0], ui[0], fr, fi);
        sr[0] = 1.0 - (fr[0] * fr[0] - fi[0] * fi[0]);
        si[0] = -2.0 * fr[0] * fi[0];
        for (int n = 1; n <= k; n++) {
            double ar = 0;
            double ai = 0;
            for (int j = 1; j <= n; j++) {
                ar += j * (ur[j] * sr[n - j] - ui[j] * si[n - j]);
                ai += j * (ur[j] * si[n - j] + ui[j] * sr[n - j]);
            }
            fr[n] = ar / n;
            fi[n] = ai / n;
            double qr = 0;
            double qi = 0;
            for (int j = 0; j <= n; j++) {
                qr += fr[j] * fr[n - j] - fi[j] * fi[n - j];
                qi += fr[j] * fi[n - j] + fi[j] * fr[n - j];
            }
            sr[n] = -qr;
            si[n] = -qi;
        }
    }

    /**
     * {@code f = erf(u)} for a real constant term: {@code f' = (2/sqrt(pi)) exp(-u^2) u'}. The complex error
     * function is not available, so a complex constant term is refused.
     */
    static void erf(double[] ur, double[] ui, double[] fr, double[] fi, int k, Workspace w) {
        double u0 = requireRealConstant("erf", ur, ui);
        // w.t = -u^2, then w.s = (2/sqrt pi) exp(-u^2).
        multiply(ur, ui, ur, ui, w.tr, w.ti, k);
        for (int n = 0; n <= k; n++) {
            w.tr[n] = -w.tr[n];
            w.ti[n] = -w.ti[n];
        }
        exp(w.tr, w.ti, w.sr, w.si, k);
        for (int n = 0; n <= k; n++) {
            w.sr[n] *= TWO_OVER_SQRT_PI;
            w.si[n] *= TWO_OVER_SQRT_PI;
        }
        fr[0] = Erf.erf(u0);
        fi[0] = 0.0;
        derivativeIntegral(ur, ui, w.sr, w.si, fr, fi, 1, k);
    }

    /** {@code f = u Phi(u)} with {@code Phi(u) = (1 + erf(u / sqrt 2)) / 2} for a real constant term. */
    static void gelu(double[] ur, double[] ui, double[] fr, double[] fi, int k, Workspace w) {
        double u0 = requireRealConstant("gelu", ur, ui);
        for (int n = 0; n <= k; n++) {
            w.vr[n] = ur[n] * INV_SQRT2;
            w.vi[n] = ui[n] * INV_SQRT2;
        }
        // erf's own scratch is w.s and w.t, so its result goes to f and Phi is built in place there.
        erf(w.vr, w.vi, fr, fi, k, w);
        for (int n = 0; n <= k; n++) {
            w.vr[n] = 0.5 * fr[n] + (n == 0 ? 0.5 : 0.0);
            w.vi[n] = 0.5 * fi[n];
        }
        multiply(ur, ui, w.vr, w.vi, fr, fi, k);
        fr[0] = Real64.apply(UnaryOp.GELU, u0);
    }

    /**
     * Completes {@code f} from {@code f_0} for a function with {@code f' = g u'}:
     * {@code f_n = (1/n) sum_{j=1..n} j u_j g_{n-j}}, from {@code from} to {@code k}. {@code g} may be {@code f}.
     */
    private static void derivativeIntegral(double[] ur, double[] ui, double[] gr, double[] gi, double[] fr,
                                           double[] fi, int from, int k) {
        for (int n = from; n <= k; n++) {
            double sr = 0;
            double si = 0;
            for (int j = 1; j <= n; j++) {
                sr += j * (ur[j] * gr[n - j] - ui[j] * gi[n - j]);
                si += j * (ur[j] * gi[n - j] + ui[j] * gr[n - j]);
            }
            fr[n] = sr / n;
            fi[n] = si / n;
        }
    }

    /** tanh of a complex number; the real case is {@link Math#tanh} exactly. */
    private static void complexTanh(double a, double b, double[] fr, double[] fi) {
        if (b == 0) {
            fr[0] = Math.tanh(a);
            fi[0] = 0.0;
            return;
        }
        if (Math.abs(a) > 20) {
            // tanh(a + ib) = sign(a) + O(e^{-2|a|}); the formula below would divide infinities.
            fr[0] = Math.signum(a);
            fi[0] = 2 * Math.sin(2 * b) * Math.exp(-2 * Math.abs(a));
            return;
        }
        double d = Math.cosh(2 * a) + Math.cos(2 * b);
        fr[0] = Math.sinh(2 * a) / d;
        fi[0] = Math.sin(2 * b) / d;
    }

    /** {@code f_n = (sr + i si) / (dr + i di)}; a real divisor divides each part, as real arithmetic would. */
    private static void divideScalar(double sr, double si, double dr, double di, double[] fr, double[] fi, int n) {
        if (di == 0) {
            fr[n] = sr / dr;
            fi[n] = si / dr;
            return;
        }
        double m = dr * dr + di * di;
        fr[n] = (sr * dr + si * di) / m;
        fi[n] = (si * dr - sr * di) / m;
    }

    private static double requireRealConstant(String function, double[] ur, double[] ui) {
        if (ui[0] != 0) {
            throw new IllegalArgumentException("series " + function + " needs a real constant term, got "
                    + ur[0] + (ui[0] < 0 ? " - " : " + ") + Math.abs(ui[0]) + "i");
        }
        return ur[0];
    }

    /**
     * At a zero constant term a function like sqrt has no power series unless the whole input is zero, where the
     * value is exactly zero.
     */
    private static void zeroOrFail(String function, double[] ur, double[] ui, double[] fr, double[] fi, int k) {
        for (int n = 0; n <= k; n++) {
            if (ur[n] != 0 || ui[n] != 0) {
                throw new IllegalArgumentException("series " + function + " of a series with zero constant term and"
                        + " nonzero z^" + n + " coefficient has no power series");
            }
        }
        java.util.Arrays.fill(fr, 0, k + 1, 0.0);
        java.util.Arrays.fill(fi, 0, k + 1, 0.0);
    }

    private static void fillNaN(double[] fr, double[] fi, int k) {
        java.util.Arrays.fill(fr, 0, k + 1, Double.NaN);
        java.util.Arrays.fill(fi, 0, k + 1, Double.NaN);
    }
}
