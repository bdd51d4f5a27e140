package org.lethe.sketch;

import java.util.Arrays;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Series;

/**
 * The Taylor coefficients {@code c_0 .. c_k} (complex) of a measurement along one series variable {@code z}, for
 * example from the exact-direction run {@code x = z 1_D}, where {@code sum_{r <= K} c_r w^r} is the degree-K
 * prediction of the measurement after deleting D with weight {@code w}.
 */
public final class TaylorSeries implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] re;
    private final double[] im;

    public TaylorSeries(double[] re, double[] im) {
        if (re.length == 0 || im.length != re.length) {
            throw new IllegalArgumentException("a Taylor series needs matching nonempty real and imaginary parts, got "
                    + re.length + " and " + im.length);
        }
        this.re = re.clone();
        this.im = im.clone();
    }

    /** The coefficients of a single-element series array. */
    public static TaylorSeries of(NDArray value) {
        if (value.size() != 1) {
            throw new IllegalArgumentException("a measurement must be a single element, got " + value);
        }
        double[][] c = Series.coefficients(value, 0);
        return new TaylorSeries(c[0], c[1]);
    }

    /** The truncation order k. */
    public int order() {
        return re.length - 1;
    }

    /** Real part of {@code c_r}. */
    public double re(int r) {
        return re[r];
    }

    /** Imaginary part of {@code c_r}. */
    public double im(int r) {
        return im[r];
    }

    /** Real parts of {@code c_0 .. c_k} (a copy). */
    public double[] realParts() {
        return re.clone();
    }

    /** Imaginary parts of {@code c_0 .. c_k} (a copy). */
    public double[] imaginaryParts() {
        return im.clone();
    }

    /** The real part of {@code sum_{r <= degree} c_r w^r}. */
    public double partialSum(int degree, double w) {
        if (degree < 0 || degree > order()) {
            throw new IllegalArgumentException("degree " + degree + " outside [0, " + order() + "]");
        }
        double sum = 0;
        double power = 1;
        for (int r = 0; r <= degree; r++) {
            sum += re[r] * power;
            power *= w;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "TaylorSeries" + Arrays.toString(re) + (Arrays.stream(im).anyMatch(v -> v != 0) ? " + i" + Arrays.toString(im) : "");
    }
}
