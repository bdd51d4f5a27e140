package org.lethe.tensor;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.FDSFactory;
import org.hipparchus.analysis.differentiation.FieldDerivativeStructure;
import org.hipparchus.complex.Complex;
import org.hipparchus.complex.ComplexField;

/**
 * Independent reference for series arithmetic: Hipparchus's arbitrary-order forward differentiation over the
 * complex field. A truncated series {@code sum c_r z^r} is the derivative structure of one variable {@code z}
 * at 0 whose {@code r}-th derivative is {@code c_r r!}.
 */
final class SeriesReference {
    private final int order;
    private final FDSFactory<Complex> factory;

    SeriesReference(int order) {
        this.order = order;
        this.factory = new FDSFactory<>(ComplexField.getInstance(), 1, order);
    }

    /** The structure of coefficients {@code re[r] + i im[r]}. */
    FieldDerivativeStructure<Complex> of(double[] re, double[] im) {
        Complex[] derivatives = new Complex[order + 1];
        double factorial = 1;
        for (int r = 0; r <= order; r++) {
            if (r > 0) {
                factorial *= r;
            }
            derivatives[r] = new Complex(re[r] * factorial, im[r] * factorial);
        }
        return factory.build(derivatives);
    }

    /** Coefficients {@code [0]} real and {@code [1]} imaginary parts of a structure. */
    double[][] coefficients(FieldDerivativeStructure<Complex> x) {
        double[][] out = new double[2][order + 1];
        double factorial = 1;
        for (int r = 0; r <= order; r++) {
            if (r > 0) {
                factorial *= r;
            }
            Complex c = x.getPartialDerivative(r);
            out[0][r] = c.getReal() / factorial;
            out[1][r] = c.getImaginary() / factorial;
        }
        return out;
    }

    /** erf of a structure with a real value, composed from erf's derivatives at that value. */
    FieldDerivativeStructure<Complex> erf(FieldDerivativeStructure<Complex> u) {
        return u.compose(erfDerivatives(u.getValue().getReal(), 1.0));
    }

    /** {@code u Phi(u)} with the normal distribution function {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}. */
    FieldDerivativeStructure<Complex> gelu(FieldDerivativeStructure<Complex> u) {
        double s = 1 / Math.sqrt(2);
        double[] erf = erfDerivatives(u.getValue().getReal() * s, s);
        double[] phi = new double[order + 1];
        for (int n = 0; n <= order; n++) {
            phi[n] = 0.5 * erf[n] + (n == 0 ? 0.5 : 0.0);
        }
        return u.multiply(u.compose(phi));
    }

    /**
     * Derivatives of {@code x -> erf(scale x)} at {@code x = x0 / scale}: {@code erf(x0)} from Hipparchus's special
     * functions, then {@code scale^n erf^(n)(x0)} with {@code erf' = (2/sqrt pi) exp(-x^2)} differentiated by a
     * real derivative structure.
     */
    private double[] erfDerivatives(double x0, double scale) {
        DSFactory real = new DSFactory(1, Math.max(order, 1));
        DerivativeStructure x = real.variable(0, x0);
        DerivativeStructure g = x.square().negate().exp().multiply(2 / Math.sqrt(Math.PI));
        double[] out = new double[order + 1];
        out[0] = org.hipparchus.special.Erf.erf(x0);
        double power = 1;
        for (int n = 1; n <= order; n++) {
            power *= scale;
            out[n] = power * g.getPartialDerivative(n - 1);
        }
        return out;
    }
}
