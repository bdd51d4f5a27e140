package org.lethe.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The plane-by-plane kernels must give exactly the element-at-a-time recurrences' results, bit for bit, on
 * contiguous and broadcast operands, and the recurrences must still handle (or refuse) what the kernels decline.
 */
class SeriesPlanewiseTest {
    private static final int N = 37;

    /** Random coefficients with real constant terms (as every series computation from real data has). */
    private static NDArray realConstant(Series s, Rng rng, int n, double shift) {
        NDArray a = SeriesTestData.random(s, rng, n);
        double[][] planes = ((DoubleStorage) a.storage()).planes;
        for (int i = 0; i < n; i++) {
            planes[1][i] = 0;
            planes[0][i] += shift;
        }
        return a;
    }

    private static double[][] elementwise(Series s, NDArray a, int i) {
        return Series.coefficients(a, i);
    }

    private interface Recurrence {
        void apply(double[] ur, double[] ui, double[] fr, double[] fi, int k, SeriesRecurrences.Workspace w);
    }

    private static void checkUnary(UnaryOp op, Recurrence reference, double shift) {
        for (int k : new int[] {0, 1, 3, 6}) {
            Series s = Series.of(k);
            NDArray x = realConstant(s, new Rng(k + 11), N, shift);
            NDArray out = x.map(op);
            SeriesRecurrences.Workspace w = new SeriesRecurrences.Workspace(k);
            for (int i = 0; i < N; i++) {
                double[][] u = elementwise(s, x, i);
                double[] fr = new double[k + 1];
                double[] fi = new double[k + 1];
                reference.apply(u[0], u[1], fr, fi, k, w);
                double[][] got = elementwise(s, out, i);
                assertThat(got[0]).as(op + " order " + k + " element " + i).isEqualTo(fr);
                assertThat(got[1]).as(op + " order " + k + " element " + i).isEqualTo(fi);
            }
        }
    }

    @Test
    void unaryKernelsEqualTheRecurrences() {
        checkUnary(UnaryOp.EXP, (ur, ui, fr, fi, k, w) -> SeriesRecurrences.exp(ur, ui, fr, fi, k), 0);
        checkUnary(UnaryOp.SQRT, (ur, ui, fr, fi, k, w) -> SeriesRecurrences.sqrt(ur, ui, fr, fi, k), 1.5);
        checkUnary(UnaryOp.ERF, (ur, ui, fr, fi, k, w) -> SeriesRecurrences.erf(ur, ui, fr, fi, k, w), 0);
        checkUnary(UnaryOp.GELU, (ur, ui, fr, fi, k, w) -> SeriesRecurrences.gelu(ur, ui, fr, fi, k, w), 0);
        checkUnary(UnaryOp.SQUARE, (ur, ui, fr, fi, k, w) -> SeriesRecurrences.multiply(ur, ui, ur, ui, fr, fi, k), 0);
    }

    @Test
    void binaryKernelsEqualTheRecurrencesIncludingBroadcasts() {
        for (int k : new int[] {0, 2, 5}) {
            Series s = Series.of(k);
            Rng rng = new Rng(k + 3);
            NDArray a = SeriesTestData.random(s, rng, 4 * N).reshape(4, N);
            NDArray b = realConstant(s, rng, 4 * N, 2.0).reshape(4, N);
            NDArray column = realConstant(s, rng, 4, 2.0).reshape(4, 1);
            NDArray row = realConstant(s, rng, N, -2.0).reshape(1, N);
            check(s, a, b, BinaryOp.MUL);
            check(s, a, b, BinaryOp.DIV);
            check(s, a, column, BinaryOp.MUL);
            check(s, a, column, BinaryOp.DIV);
            check(s, column, a, BinaryOp.MUL);
            check(s, row, b, BinaryOp.DIV);
            check(s, a, row, BinaryOp.DIV);
        }
    }

    private static void check(Series s, NDArray a, NDArray b, BinaryOp op) {
        NDArray out = a.binary(op, b);
        int[] shape = out.shape();
        int k = s.order();
        for (int row = 0; row < shape[0]; row++) {
            for (int col = 0; col < shape[1]; col++) {
                double[][] x = elementwise(s, a, (a.dim(0) == 1 ? 0 : row) * a.dim(1) + (a.dim(1) == 1 ? 0 : col));
                double[][] y = elementwise(s, b, (b.dim(0) == 1 ? 0 : row) * b.dim(1) + (b.dim(1) == 1 ? 0 : col));
                double[] fr = new double[k + 1];
                double[] fi = new double[k + 1];
                if (op == BinaryOp.MUL) {
                    SeriesRecurrences.multiply(x[0], x[1], y[0], y[1], fr, fi, k);
                } else {
                    SeriesRecurrences.divide(x[0], x[1], y[0], y[1], fr, fi, k);
                }
                double[][] got = elementwise(s, out, row * shape[1] + col);
                assertThat(got[0]).as(op + " order " + k + " at " + row + "," + col).isEqualTo(fr);
                assertThat(got[1]).as(op + " order " + k + " at " + row + "," + col).isEqualTo(fi);
            }
        }
    }

    @Test
    void declinedCasesFallBackToTheRecurrences() {
        Series s = Series.of(2);
        Rng rng = new Rng(5);
        // Complex constant terms: exp and division are defined, sqrt and erf refuse.
        NDArray complex = SeriesTestData.random(s, rng, N);
        NDArray e = complex.exp();
        double[][] c = elementwise(s, complex, 4);
        double[] fr = new double[3];
        double[] fi = new double[3];
        SeriesRecurrences.exp(c[0], c[1], fr, fi, 2);
        assertThat(elementwise(s, e, 4)[0]).isEqualTo(fr);
        NDArray q = complex.div(complex.exp());
        SeriesRecurrences.divide(c[0], c[1], elementwise(s, e, 4)[0], elementwise(s, e, 4)[1], fr, fi, 2);
        assertThat(elementwise(s, q, 4)[1]).isEqualTo(fi);
        assertThatThrownBy(complex::sqrt).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("real constant");
        assertThatThrownBy(() -> complex.map(UnaryOp.ERF)).isInstanceOf(IllegalArgumentException.class);
        // A zero divisor is refused, a negative root is NaN, as in F64.
        NDArray zero = NDArray.zeros(s, N);
        assertThatThrownBy(() -> complex.div(zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nonzero constant term");
        NDArray negative = realConstant(s, rng, N, -5.0).sqrt();
        assertThat(negative.keys()[0]).isNaN();
    }
}
