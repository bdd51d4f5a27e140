package org.lethe.sketch;

/**
 * Correctly rounded {@code log}, {@code sin} and {@code cos} for {@link PythonRandom#gauss}. CPython calls the C
 * library, whose results are within an ulp of the exact value but differ between libraries; Java's
 * {@code StrictMath} (fdlibm) disagrees with a modern glibc on several percent of arguments, while the exactly
 * rounded value agrees with it on all but about one argument in a thousand, and is the same on every platform.
 *
 * <p>Each function evaluates its series in double-double arithmetic (about 100 bits, exact products through
 * {@link Math#fma}), so rounding the double-double to a double gives the correctly rounded result except for
 * arguments astronomically close to a rounding tie.
 */
final class RoundedMath {
    // pi/2 and ln 2 as sums of three doubles (the tails checked against 300-bit values).
    private static final double PIO2_1 = 0x1.921fb54442d18p0;
    private static final double PIO2_2 = 0x1.1a62633145c07p-54;
    private static final double PIO2_3 = -0x1.f1976b7ed8fbcp-110;
    private static final double LN2_1 = 0x1.62e42fefa39efp-1;
    private static final double LN2_2 = 0x1.abc9e3b39803fp-56;
    private static final double LN2_3 = 0x1.7b57a079a1934p-111;
    private static final double TERM_LIMIT = 0x1p-112;
    private static final double SQRT_HALF = 0.7071067811865476;

    private RoundedMath() {
    }

    /** The correctly rounded natural logarithm (IEEE results for 0, negative, infinite and NaN arguments). */
    static double log(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x);
        }
        if (x == 1.0) {
            return 0.0;
        }
        int e = Math.getExponent(x);
        double m;
        if (e < Double.MIN_EXPONENT) {
            double scaled = x * 0x1p64;
            e = Math.getExponent(scaled) - 64;
            m = Math.scalb(scaled, -(e + 64));
        } else {
            m = Math.scalb(x, -e);
        }
        if (m > 2 * SQRT_HALF) {
            m *= 0.5;
            e++;
        }
        // log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172.
        double[] s = divide(m - 1.0, 0.0, twoSumHi(m, 1.0), twoSumLo(m, 1.0));
        double[] s2 = multiply(s[0], s[1], s[0], s[1]);
        double sumHi = 0;
        double sumLo = 0;
        double[] power = {s[0], s[1]};
        for (int k = 0; ; k++) {
            double[] term = divide(power[0], power[1], 2 * k + 1, 0.0);
            double[] acc = add(sumHi, sumLo, term[0], term[1]);
            sumHi = acc[0];
            sumLo = acc[1];
            if (Math.abs(term[0]) <= TERM_LIMIT * Math.abs(sumHi)) {
                break;
            }
            power = multiply(power[0], power[1], s2[0], s2[1]);
        }
        double[] logM = {2 * sumHi, 2 * sumLo};
        double[] eLn2 = scaledConstant(e, LN2_1, LN2_2, LN2_3);
        double[] result = add(eLn2[0], eLn2[1], logM[0], logM[1]);
        return result[0] + result[1];
    }

    /** The correctly rounded sine, for {@code |x| <= 2^20}. */
    static double sin(double x) {
        return sinCos(x, false);
    }

    /** The correctly rounded cosine, for {@code |x| <= 2^20}. */
    static double cos(double x) {
        return sinCos(x, true);
    }

    private static double sinCos(double x, boolean cosine) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.NaN;
        }
        if (Math.abs(x) > 0x1p20) {
            throw new IllegalArgumentException("argument " + x + " outside the range |x| <= 2^20 of this sin/cos");
        }
        if (x == 0) {
            return cosine ? 1.0 : x;
        }
        // x = q pi/2 + r with |r| <= pi/4, r in double-double.
        double q = Math.rint(x / PIO2_1);
        double[] qp = scaledConstant((int) q, PIO2_1, PIO2_2, PIO2_3);
        double[] r = add(x, 0.0, -qp[0], -qp[1]);
        int quadrant = (int) (((long) q % 4 + 4) % 4);
        boolean useCos = cosine ^ (quadrant % 2 == 1);
        boolean negate = cosine ? (quadrant == 1 || quadrant == 2) : (quadrant >= 2);
        double[] value = useCos ? cosSeries(r) : sinSeries(r);
        double result = value[0] + value[1];
        return negate ? -result : result;
    }

    private static double[] sinSeries(double[] r) {
        double[] r2 = multiply(r[0], r[1], r[0], r[1]);
        double[] term = {r[0], r[1]};
        double sumHi = r[0];
        double sumLo = r[1];
        for (int n = 1; ; n += 2) {
            term = multiply(term[0], term[1], -r2[0], -r2[1]);
            term = divide(term[0], term[1], (double) (n + 1) * (n + 2), 0.0);
            double[] acc = add(sumHi, sumLo, term[0], term[1]);
            sumHi = acc[0];
            sumLo = acc[1];
            if (Math.abs(term[0]) <= TERM_LIMIT * Math.abs(sumHi)) {
                return new double[] {sumHi, sumLo};
            }
        }
    }

    private static double[] cosSeries(double[] r) {
        double[] r2 = multiply(r[0], r[1], r[0], r[1]);
        double[] term = {1.0, 0.0};
        double sumHi = 1.0;
        double sumLo = 0.0;
        for (int n = 0; ; n += 2) {
            term = multiply(term[0], term[1], -r2[0], -r2[1]);
            term = divide(term[0], term[1], (double) (n + 1) * (n + 2), 0.0);
            double[] acc = add(sumHi, sumLo, term[0], term[1]);
            sumHi = acc[0];
            sumLo = acc[1];
            if (Math.abs(term[0]) <= TERM_LIMIT * Math.abs(sumHi)) {
                return new double[] {sumHi, sumLo};
            }
        }
    }

    /** {@code k * (c1 + c2 + c3)} as a double-double, exact enough for {@code |k| < 2^21}. */
    private static double[] scaledConstant(int k, double c1, double c2, double c3) {
        double p1 = k * c1;
        double e1 = Math.fma(k, c1, -p1);
        double p2 = k * c2;
        double e2 = Math.fma(k, c2, -p2);
        double[] acc = add(p1, e1, p2, e2);
        return add(acc[0], acc[1], k * c3, 0.0);
    }

    // ---------------------------------------------------------------- double-double arithmetic

    private static double twoSumHi(double a, double b) {
        return a + b;
    }

    private static double twoSumLo(double a, double b) {
        double s = a + b;
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    private static double[] add(double aHi, double aLo, double bHi, double bLo) {
        double s = aHi + bHi;
        double bb = s - aHi;
        double e = (aHi - (s - bb)) + (bHi - bb);
        e += aLo + bLo;
        double hi = s + e;
        double lo = e - (hi - s);
        return new double[] {hi, lo};
    }

    private static double[] multiply(double aHi, double aLo, double bHi, double bLo) {
        double p = aHi * bHi;
        double e = Math.fma(aHi, bHi, -p);
        e += aHi * bLo + aLo * bHi;
        double hi = p + e;
        double lo = e - (hi - p);
        return new double[] {hi, lo};
    }

    private static double[] divide(double aHi, double aLo, double bHi, double bLo) {
        double q1 = aHi / bHi;
        double[] p = multiply(q1, 0.0, bHi, bLo);
        double[] rem = add(aHi, aLo, -p[0], -p[1]);
        double q2 = rem[0] / bHi;
        double[] p2 = multiply(q2, 0.0, bHi, bLo);
        rem = add(rem[0], rem[1], -p2[0], -p2[1]);
        double q3 = rem[0] / bHi;
        double[] q = add(q1, 0.0, q2, 0.0);
        return add(q[0], q[1], q3, 0.0);
    }
}
