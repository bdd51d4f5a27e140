package org.lethe.unlearn;

/**
 * Rounding to IEEE 754 half precision (binary16: 11 significant bits, exponents down to -14, subnormals below),
 * to the nearest representable value, ties to even; magnitudes beyond the largest half (65504) become infinite.
 * Used to quantise weights the way a model stored in half precision would hold them.
 */
final class HalfPrecision {
    private static final double MAX = 65504.0;
    private static final int MIN_NORMAL_EXPONENT = -14;
    private static final int SIGNIFICAND_BITS = 10;

    private HalfPrecision() {
    }

    /** Each value rounded to the nearest half-precision value. */
    static double[] round(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = round(values[i]);
        }
        return out;
    }

    /** {@code v} rounded to the nearest half-precision value. */
    static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        int exponent = Math.max(Math.getExponent(v), MIN_NORMAL_EXPONENT);
        double ulp = Math.scalb(1.0, exponent - SIGNIFICAND_BITS);
        double r = Math.rint(v / ulp) * ulp;
        return Math.abs(r) > MAX ? Math.copySign(Double.POSITIVE_INFINITY, v) : r;
    }
}
