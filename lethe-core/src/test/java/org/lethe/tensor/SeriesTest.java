package org.lethe.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.FieldDerivativeStructure;
import org.hipparchus.complex.Complex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Element-wise series arithmetic against Hipparchus's complex forward differentiation, and the linear kernels. */
class SeriesTest {
    private static final double TOL = 1e-11;
    private static final int N = 7;

    /** How the constant terms of random test series are drawn. */
    private enum Constant {
        COMPLEX, REAL, POSITIVE
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 6})
    void unaryFunctionsMatchTheReference(int order) {
        Series s = Series.of(order);
        SeriesReference ref = new SeriesReference(order);
        Rng rng = new Rng(10 + order);
        checkUnary(s, ref, rng, UnaryOp.EXP, Constant.COMPLEX, FieldDerivativeStructure::exp);
        checkUnary(s, ref, rng, UnaryOp.TANH, Constant.COMPLEX, FieldDerivativeStructure::tanh);
        checkUnary(s, ref, rng, UnaryOp.SQUARE, Constant.COMPLEX, FieldDerivativeStructure::square);
        checkUnary(s, ref, rng, UnaryOp.RECIPROCAL, Constant.COMPLEX, FieldDerivativeStructure::reciprocal);
        checkUnary(s, ref, rng, UnaryOp.NEG, Constant.COMPLEX, FieldDerivativeStructure::negate);
        checkUnary(s, ref, rng, UnaryOp.LOG, Constant.POSITIVE, FieldDerivativeStructure::log);
        checkUnary(s, ref, rng, UnaryOp.SQRT, Constant.POSITIVE, FieldDerivativeStructure::sqrt);
        checkUnary(s, ref, rng, UnaryOp.ERF, Constant.REAL, ref::erf);
        checkUnary(s, ref, rng, UnaryOp.GELU, Constant.REAL, ref::gelu);
        checkUnary(s, ref, rng, UnaryOp.EXP, Constant.REAL, FieldDerivativeStructure::exp);
        checkUnary(s, ref, rng, UnaryOp.TANH, Constant.REAL, FieldDerivativeStructure::tanh);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5})
    void realPowersMatchTheReference(int order) {
        Series s = Series.of(order);
        SeriesReference ref = new SeriesReference(order);
        Rng rng = new Rng(20 + order);
        for (double p : new double[] {-1.5, -0.5, 0.5, 1.0, 2.7}) {
            NDArray x = random(s, rng, Constant.POSITIVE, N);
            compare(x.pow(p), x, u -> u.pow(p), ref, "pow " + p);
        }
        // Integer exponents are analytic at negative constant terms too.
        for (int p : new int[] {-2, 3}) {
            NDArray x = random(s, rng, Constant.REAL, N);
            compare(x.pow(p), x, u -> u.pow(p), ref, "pow " + p);
        }
    }

    @Test
    void integerPowersOfSeriesWithoutConstantTerm() {
        Series s = Series.of(4);
        SeriesReference ref = new SeriesReference(4);
        NDArray x = s.fromCoefficients(new NDArray[] {zeros(N), realArray(new Rng(3), N), realArray(new Rng(4), N)},
                new NDArray[] {null, realArray(new Rng(5), N)});
        compare(x.pow(3), x, u -> u.multiply(u).multiply(u), ref, "pow 3 at zero");
        NDArray zero = NDArray.zeros(s, N);
        assertThat(plane(zero.pow(0.5), 0)).containsOnly(0.0);
        assertThat(plane(zero.sqrt(), 0)).containsOnly(0.0);
        assertThat(plane(x.pow(0), 0)).containsOnly(1.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void binaryOperationsMatchTheReference(int order) {
        Series s = Series.of(order);
        SeriesReference ref = new SeriesReference(order);
        Rng rng = new Rng(30 + order);
        BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV};
        for (BinaryOp op : ops) {
            NDArray a = random(s, rng, Constant.COMPLEX, N);
            NDArray b = random(s, rng, Constant.COMPLEX, N);
            NDArray out = a.binary(op, b);
            for (int e = 0; e < N; e++) {
                FieldDerivativeStructure<Complex> x = element(ref, a, e);
                FieldDerivativeStructure<Complex> y = element(ref, b, e);
                assertClose(Series.coefficients(out, e), ref.coefficients(apply(op, x, y)), op + " element " + e);
            }
        }
    }

    @Test
    void broadcastBinaryOperationsUseEachOperandElement() {
        Series s = Series.of(2);
        SeriesReference ref = new SeriesReference(2);
        Rng rng = new Rng(40);
        NDArray a = random(s, rng, Constant.COMPLEX, 12).reshape(3, 4);
        NDArray row = random(s, rng, Constant.COMPLEX, 4);
        NDArray column = random(s, rng, Constant.COMPLEX, 3).reshape(3, 1);
        NDArray scalar = random(s, rng, Constant.COMPLEX, 1).reshape();
        for (BinaryOp op : new BinaryOp[] {BinaryOp.MUL, BinaryOp.DIV, BinaryOp.SUB}) {
            NDArray byRow = a.binary(op, row);
            NDArray byColumn = column.binary(op, a);
            NDArray byScalar = a.binary(op, scalar);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    int e = i * 4 + j;
                    FieldDerivativeStructure<Complex> x = element(ref, a, e);
                    assertClose(Series.coefficients(byRow, e), ref.coefficients(apply(op, x, element(ref, row, j))),
                            op + " by row");
                    assertClose(Series.coefficients(byColumn, e),
                            ref.coefficients(apply(op, element(ref, column, i), x)), op + " by column");
                    assertClose(Series.coefficients(byScalar, e),
                            ref.coefficients(apply(op, x, element(ref, scalar, 0))), op + " by scalar");
                }
            }
        }
    }

    @Test
    void largeArraysRunInChunksWithTheSameResults() {
        Series s = Series.of(2);
        Rng rng = new Rng(41);
        int n = 5000;
        NDArray a = random(s, rng, Constant.POSITIVE, n);
        NDArray b = random(s, rng, Constant.COMPLEX, n);
        NDArray quotient = a.div(b);
        NDArray log = a.log();
        NDArray root = a.pow(0.5);
        for (int e : new int[] {0, 2047, 2048, 4999}) {
            NDArray ae = a.slice(0, e, e + 1);
            NDArray be = b.slice(0, e, e + 1);
            assertThat(Series.coefficients(quotient, e)).isDeepEqualTo(Series.coefficients(ae.div(be), 0));
            assertThat(Series.coefficients(log, e)).isDeepEqualTo(Series.coefficients(ae.log(), 0));
            assertThat(Series.coefficients(root, e)).isDeepEqualTo(Series.coefficients(ae.pow(0.5), 0));
        }
        // A domain error in any chunk surfaces with its own message.
        NDArray oneComplex = NDArray.full(s, 2.0, n);
        DoubleStorage st = (DoubleStorage) oneComplex.storage();
        st.planes[Series.planeIndex(0, true)][4000] = 0.5;
        assertThatThrownBy(oneComplex::log).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("series log needs a real constant term");
    }

    @Test
    void constantTermsReproduceF64BitForBit() {
        Series s = Series.of(3);
        Rng rng = new Rng(50);
        NDArray x = random(s, rng, Constant.REAL, 64);
        NDArray y = random(s, rng, Constant.POSITIVE, 64);
        NDArray xr = Series.plane(x, 0, false);
        NDArray yr = Series.plane(y, 0, false);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.NEG, UnaryOp.EXP, UnaryOp.TANH, UnaryOp.RELU, UnaryOp.ERF,
                UnaryOp.GELU, UnaryOp.SQUARE, UnaryOp.RECIPROCAL, UnaryOp.ABS}) {
            assertThat(plane(x.map(op), 0)).as(op.name()).isEqualTo(xr.map(op).toDoubles());
        }
        for (UnaryOp op : new UnaryOp[] {UnaryOp.LOG, UnaryOp.SQRT}) {
            assertThat(plane(y.map(op), 0)).as(op.name()).isEqualTo(yr.map(op).toDoubles());
        }
        assertThat(plane(y.pow(-0.5), 0)).isEqualTo(yr.pow(-0.5).toDoubles());
        for (BinaryOp op : BinaryOp.values()) {
            assertThat(plane(x.binary(op, y), 0)).as(op.name()).isEqualTo(xr.binary(op, yr).toDoubles());
        }
        assertThat(plane(x.affine(-1.7, 0.3), 0)).isEqualTo(xr.affine(-1.7, 0.3).toDoubles());
        NDArray[] realParts = new NDArray[4];
        for (int r = 0; r <= 3; r++) {
            realParts[r] = Series.plane(x, r, false);
        }
        NDArray realSeries = s.fromCoefficients(realParts, null);
        NDArray composite = realSeries.map(UnaryOp.GELU).exp().div(realSeries.map(UnaryOp.TANH).add(2.0)).log()
                .map(UnaryOp.ERF).add(2.0).sqrt().mul(realSeries).pow(3);
        for (int r = 0; r <= 3; r++) {
            for (double v : plane(composite, 2 * r + 1)) {
                assertThat(v == 0).as("imaginary part of a real series is zero").isTrue();
            }
        }
    }

    @Test
    void linearKernelsWorkPlaneByPlane() {
        Series s = Series.of(2);
        Rng rng = new Rng(60);
        NDArray x = random(s, rng, Constant.COMPLEX, 24).reshape(2, 3, 4);
        NDArray y = random(s, rng, Constant.COMPLEX, 24).reshape(2, 3, 4);
        NDArray affine = x.affine(2.5, -1.0);
        NDArray axpy = y.copy().axpyInPlace(-0.75, x);
        NDArray sum = x.sum(1, false);
        NDArray permuted = x.permute(2, 0, 1);
        NDArray sliced = x.slice(2, 1, 3);
        for (int p = 0; p < s.planeCount(); p++) {
            double[] xp = plane(x, p);
            double[] yp = plane(y, p);
            NDArray xr = NDArray.of(Real64.INSTANCE, xp, 2, 3, 4);
            double[] expectedAffine = xr.affine(2.5, p == 0 ? -1.0 : 0.0).toDoubles();
            assertThat(plane(affine, p)).isEqualTo(expectedAffine);
            assertThat(plane(axpy, p)).isEqualTo(NDArray.of(Real64.INSTANCE, yp, 2, 3, 4).axpyInPlace(-0.75, xr).toDoubles());
            assertThat(plane(sum, p)).isEqualTo(xr.sum(1, false).toDoubles());
            assertThat(plane(permuted, p)).isEqualTo(xr.permute(2, 0, 1).toDoubles());
            assertThat(plane(sliced, p)).isEqualTo(xr.slice(2, 1, 3).toDoubles());
        }
        int[] map = {5, -1, 5, 0, 23};
        NDArray gathered = x.reshape(24).gather(map, new int[] {5});
        NDArray scattered = gathered.scatterAdd(map, new int[] {24});
        for (int p = 0; p < s.planeCount(); p++) {
            double[] xp = plane(x, p);
            assertThat(plane(gathered, p)).containsExactly(xp[5], 0.0, xp[5], xp[0], xp[23]);
            double[] sp = plane(scattered, p);
            assertThat(sp[5]).isEqualTo(2 * xp[5]);
            assertThat(sp[0]).isEqualTo(xp[0]);
            assertThat(sp[1]).isEqualTo(0.0);
        }
        NDArray filled = x.copy().fill(3.0);
        assertThat(plane(filled, 0)).containsOnly(3.0);
        for (int p = 1; p < s.planeCount(); p++) {
            assertThat(plane(filled, p)).containsOnly(0.0);
        }
    }

    @Test
    void selectionsFollowTheRealConstantTerm() {
        Series s = Series.of(1);
        NDArray x = s.fromCoefficients(
                new NDArray[] {real(-1.0, 2.0, 0.5, -3.0), real(4.0, 5.0, 6.0, 7.0)},
                new NDArray[] {real(0.0, 0.0, 0.0, 0.0), real(1.0, -1.0, 2.0, -2.0)});
        NDArray relu = x.map(UnaryOp.RELU);
        assertThat(plane(relu, 0)).containsExactly(0.0, 2.0, 0.5, 0.0);
        assertThat(plane(relu, 2)).containsExactly(0.0, 5.0, 6.0, 0.0);
        assertThat(plane(relu, 3)).containsExactly(0.0, -1.0, 2.0, 0.0);
        NDArray abs = x.map(UnaryOp.ABS);
        assertThat(plane(abs, 0)).containsExactly(1.0, 2.0, 0.5, 3.0);
        assertThat(plane(abs, 2)).containsExactly(-4.0, 5.0, 6.0, -7.0);
        assertThat(plane(abs, 3)).containsExactly(-1.0, -1.0, 2.0, 2.0);
        assertThat(x.reshape(2, 2).argmax(1)).containsExactly(1, 0);
        assertThat(x.keys()).containsExactly(-1.0, 2.0, 0.5, -3.0);
        assertThat(x.get(1)).isEqualTo(2.0);
    }

    @Test
    void anElementWiseErrorNamesTheElementAlsoWhenThePassIsSplitAcrossThreads() {
        Series s = Series.of(1);
        int n = 40_000;
        double[] imaginary = new double[n];
        imaginary[30_001] = 0.5;
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        NDArray x = s.fromCoefficients(new NDArray[] {NDArray.of(Real64.INSTANCE, ones, n)},
                new NDArray[] {NDArray.of(Real64.INSTANCE, imaginary, n)});
        assertThatThrownBy(() -> x.map(UnaryOp.ABS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 30001 has imaginary part 0.5");
    }

    @Test
    void realElementsConvertToDoublesAndOthersRefuse() {
        Series s = Series.of(2);
        NDArray constants = NDArray.of(s, new double[] {1.5, -2.0}, 2);
        assertThat(constants.toDoubles()).containsExactly(1.5, -2.0);
        assertThat(constants.to(Real64.INSTANCE).toDoubles()).containsExactly(1.5, -2.0);
        NDArray perturbed = s.linear(real(1.5, -2.0), real(0.0, 0.25), null);
        assertThatThrownBy(perturbed::toDoubles).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a real number").hasMessageContaining("z^1");
        assertThat(Series.plane(perturbed, 1, false).toDoubles()).containsExactly(0.0, 0.25);
        assertThat(Series.coefficients(perturbed, 1)[0]).containsExactly(-2.0, 0.25, 0.0);
        assertThat(s.name()).isEqualTo("series2");
        assertThat(Series.of(2)).isSameAs(s);
    }

    @Test
    void domainErrorsNameTheProblem() {
        Series s = Series.of(2);
        NDArray complexConstant = s.fromCoefficients(new NDArray[] {real(2.0)}, new NDArray[] {real(0.5)});
        assertThatThrownBy(complexConstant::log).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log needs a real constant term");
        assertThatThrownBy(complexConstant::sqrt).hasMessageContaining("sqrt needs a real constant term");
        assertThatThrownBy(() -> complexConstant.pow(1.5)).hasMessageContaining("pow needs a real constant term");
        assertThatThrownBy(() -> complexConstant.map(UnaryOp.ERF)).hasMessageContaining("erf needs a real constant");
        assertThatThrownBy(() -> complexConstant.map(UnaryOp.GELU)).hasMessageContaining("gelu needs a real constant");
        assertThatThrownBy(() -> complexConstant.map(UnaryOp.ABS)).hasMessageContaining("abs needs a real constant");
        NDArray zeroConstant = s.linear(real(0.0), real(1.0), null);
        NDArray one = NDArray.full(s, 1.0, 1);
        assertThatThrownBy(() -> one.div(zeroConstant)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("divisor with a nonzero constant term");
        assertThatThrownBy(() -> zeroConstant.map(UnaryOp.RECIPROCAL)).hasMessageContaining("nonzero constant term");
        assertThatThrownBy(zeroConstant::log).hasMessageContaining("log needs a nonzero constant term");
        assertThatThrownBy(zeroConstant::sqrt).hasMessageContaining("no power series");
        assertThatThrownBy(() -> zeroConstant.map(UnaryOp.ABS)).hasMessageContaining("no power series");
        assertThatThrownBy(() -> zeroConstant.pow(-1)).hasMessageContaining("nonzero constant term");
        assertThatThrownBy(() -> s.linear(real(1.0), real(1.0, 2.0), null)).hasMessageContaining("shape");
        assertThatThrownBy(() -> Series.of(0).linear(real(1.0), real(1.0), null)).hasMessageContaining("no z^1");
        assertThatThrownBy(() -> Series.plane(one, 3, false)).hasMessageContaining("outside series2");
        assertThatThrownBy(() -> Series.plane(real(1.0), 0, false)).hasMessageContaining("expected a series array");
        // Outside the real domain, as in F64: NaN, not an exception.
        NDArray negative = s.linear(real(-1.0), real(1.0), null);
        assertThat(plane(negative.log(), 0)[0]).isNaN();
        assertThat(plane(negative.sqrt(), 2)[0]).isNaN();
        assertThat(plane(negative.pow(0.5), 0)[0]).isNaN();
    }

    // ---------------------------------------------------------------- helpers

    private static void checkUnary(Series s, SeriesReference ref, Rng rng, UnaryOp op, Constant constant,
                                   Function<FieldDerivativeStructure<Complex>, FieldDerivativeStructure<Complex>> f) {
        NDArray x = random(s, rng, constant, N);
        compare(x.map(op), x, f, ref, op + " with " + constant + " constant term");
    }

    private static void compare(NDArray out, NDArray x,
                                Function<FieldDerivativeStructure<Complex>, FieldDerivativeStructure<Complex>> f,
                                SeriesReference ref, String what) {
        for (int e = 0; e < x.size(); e++) {
            assertClose(Series.coefficients(out, e), ref.coefficients(f.apply(element(ref, x, e))), what + ", element " + e);
        }
    }

    private static FieldDerivativeStructure<Complex> apply(BinaryOp op, FieldDerivativeStructure<Complex> x,
                                                          FieldDerivativeStructure<Complex> y) {
        BiFunction<FieldDerivativeStructure<Complex>, FieldDerivativeStructure<Complex>, FieldDerivativeStructure<Complex>> f;
        switch (op) {
            case ADD: f = FieldDerivativeStructure::add; break;
            case SUB: f = FieldDerivativeStructure::subtract; break;
            case MUL: f = FieldDerivativeStructure::multiply; break;
            case DIV: f = FieldDerivativeStructure::divide; break;
            default: throw new IllegalArgumentException(op.name());
        }
        return f.apply(x, y);
    }

    private static FieldDerivativeStructure<Complex> element(SeriesReference ref, NDArray a, int e) {
        double[][] c = Series.coefficients(a, e);
        return ref.of(c[0], c[1]);
    }

    /** Coefficients agree to {@code TOL} relative to the largest reference coefficient. */
    static void assertClose(double[][] actual, double[][] expected, String what) {
        double scale = 1;
        for (double[] part : expected) {
            for (double v : part) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int part = 0; part < 2; part++) {
            for (int r = 0; r < expected[part].length; r++) {
                assertThat(Math.abs(actual[part][r] - expected[part][r]))
                        .as(what + ": " + (part == 0 ? "re" : "im") + " z^" + r + " is " + actual[part][r]
                                + ", expected " + expected[part][r])
                        .isLessThanOrEqualTo(TOL * scale);
            }
        }
    }

    /** Random series: coefficients in [-1, 1], constant terms drawn as asked (positive ones in [0.3, 2]). */
    static NDArray random(Series s, Rng rng, Constant constant, int n) {
        int k = s.order();
        NDArray[] re = new NDArray[k + 1];
        NDArray[] im = new NDArray[k + 1];
        for (int r = 0; r <= k; r++) {
            re[r] = realArray(rng, n);
            im[r] = realArray(rng, n);
        }
        if (constant == Constant.POSITIVE) {
            re[0] = re[0].map(UnaryOp.ABS).affine(1.7, 0.3);
        }
        if (constant != Constant.COMPLEX) {
            im[0] = null;
        }
        return s.fromCoefficients(re, im);
    }

    private static NDArray realArray(Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return NDArray.of(Real64.INSTANCE, v, n);
    }

    private static NDArray zeros(int n) {
        return NDArray.zeros(Real64.INSTANCE, n);
    }

    private static NDArray real(double... values) {
        return NDArray.of(Real64.INSTANCE, values, values.length);
    }

    private static double[] plane(NDArray a, int p) {
        return Series.plane(a, p / 2, p % 2 == 1).toDoubles();
    }
}
