package org.lethe.tensor;

import org.hipparchus.complex.Complex;
import org.junit.jupiter.api.Test;

/**
 * A composite computation checked against the Cauchy integral formula: the Taylor coefficients of an analytic
 * {@code g(z)} are {@code c_r = (1 / 2 pi i) oint g(z) z^{-r-1} dz}, which the trapezoidal rule on a small circle
 * turns into a discrete Fourier transform of point values. The point values use only complex arithmetic, so this
 * is independent of any recurrence or differentiation scheme.
 */
class SeriesCauchyIntegralTest {
    private static final int ORDER = 4;
    private static final int POINTS = 64;
    private static final double RADIUS = 0.125;

    @Test
    void compositeMatchesContourIntegral() {
        Series s = Series.of(ORDER);
        Rng rng = new Rng(77);
        double[][] xc = randomCoefficients(rng, false);
        double[][] yc = randomCoefficients(rng, true);
        NDArray x = build(s, xc);
        NDArray y = build(s, yc);
        // g = tanh(exp(x) / y) * sqrt(y) - x^2 * log(y) + gelu(y) / (1 + y^-1.5)
        NDArray g = x.exp().div(y).map(UnaryOp.TANH).mul(y.sqrt())
                .sub(x.map(UnaryOp.SQUARE).mul(y.log()))
                .add(y.map(UnaryOp.GELU).div(y.pow(-1.5).add(1.0)));
        double[][] expected = contourCoefficients(xc, yc);
        SeriesTest.assertClose(Series.coefficients(g, 0), expected, "composite");
    }

    private static double[][] contourCoefficients(double[][] xc, double[][] yc) {
        double[][] out = new double[2][ORDER + 1];
        for (int m = 0; m < POINTS; m++) {
            double angle = 2 * Math.PI * m / POINTS;
            Complex z = new Complex(RADIUS * Math.cos(angle), RADIUS * Math.sin(angle));
            Complex x = polynomial(xc, z);
            Complex y = polynomial(yc, z);
            Complex g = x.exp().divide(y).tanh().multiply(y.sqrt())
                    .subtract(x.multiply(x).multiply(y.log()))
                    .add(gelu(y).divide(y.pow(-1.5).add(1.0)));
            for (int r = 0; r <= ORDER; r++) {
                // c_r = (1/M) sum_m g(z_m) z_m^{-r}
                Complex term = g.divide(z.pow(r));
                out[0][r] += term.getReal() / POINTS;
                out[1][r] += term.getImaginary() / POINTS;
            }
        }
        return out;
    }

    /** GELU of a complex point near the real axis, from the Maclaurin series of erf (entire). */
    private static Complex gelu(Complex y) {
        Complex v = y.multiply(1 / Math.sqrt(2));
        Complex term = v;
        Complex sum = v;
        Complex v2 = v.multiply(v);
        for (int n = 1; n < 80; n++) {
            // erf(v) = 2/sqrt(pi) sum_n (-1)^n v^{2n+1} / (n! (2n+1))
            term = term.multiply(v2).multiply(-1.0 / n);
            sum = sum.add(term.divide(2 * n + 1));
        }
        Complex erf = sum.multiply(2 / Math.sqrt(Math.PI));
        return y.multiply(erf.add(1.0).multiply(0.5));
    }

    private static Complex polynomial(double[][] c, Complex z) {
        Complex sum = Complex.ZERO;
        for (int r = ORDER; r >= 0; r--) {
            sum = sum.multiply(z).add(new Complex(c[0][r], c[1][r]));
        }
        return sum;
    }

    private static double[][] randomCoefficients(Rng rng, boolean positiveRealConstant) {
        double[][] c = new double[2][ORDER + 1];
        for (int r = 0; r <= ORDER; r++) {
            c[0][r] = 2 * rng.nextDouble() - 1;
            c[1][r] = 2 * rng.nextDouble() - 1;
        }
        if (positiveRealConstant) {
            c[0][0] = 1.0 + rng.nextDouble();
            c[1][0] = 0.0;
        }
        return c;
    }

    private static NDArray build(Series s, double[][] c) {
        NDArray[] re = new NDArray[ORDER + 1];
        NDArray[] im = new NDArray[ORDER + 1];
        for (int r = 0; r <= ORDER; r++) {
            re[r] = NDArray.scalar(Real64.INSTANCE, c[0][r]).reshape(1);
            im[r] = NDArray.scalar(Real64.INSTANCE, c[1][r]).reshape(1);
        }
        return s.fromCoefficients(re, im);
    }
}
