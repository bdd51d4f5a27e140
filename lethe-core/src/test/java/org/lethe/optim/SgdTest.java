package org.lethe.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

class SgdTest {
    private static final double[] START = {0.4, -1.5};
    /** A different gradient at each of three steps, so momentum has something to remember. */
    private static final double[][] GRADS = {{1.0, -2.0}, {0.5, 3.0}, {-1.5, 0.25}};
    private static final double LR = 0.1;

    private static double[] run(Sgd sgd, Tensor p) {
        for (double[] g : GRADS) {
            p.setGrad(NDArray.of(Real64.INSTANCE, g, g.length));
            sgd.step();
        }
        return p.value().toDoubles();
    }

    /** Three hand-written updates per element: {@code g += wd p; v = mu v + g; p -= lr (nesterov ? g + mu v : v)}. */
    private static double[] reference(double mu, boolean nesterov, double wd) {
        double[] out = new double[START.length];
        for (int i = 0; i < START.length; i++) {
            double p = START[i];
            double v = 0;
            for (int s = 0; s < GRADS.length; s++) {
                double g = GRADS[s][i] + wd * p;
                v = s == 0 ? g : mu * v + g;
                double direction = mu == 0 ? g : nesterov ? g + mu * v : v;
                p -= LR * direction;
            }
            out[i] = p;
        }
        return out;
    }

    private static Tensor param() {
        return Tensor.parameter(NDArray.of(Real64.INSTANCE, START, START.length));
    }

    private static void assertClose(double[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element " + i).isCloseTo(expected[i], Offset.offset(1e-15));
        }
    }

    @Test
    void plainSgdSubtractsRateTimesGradient() {
        Tensor p = param();
        double[] got = run(new Sgd(List.of(p), LR, 0.0), p);
        double[] expected = START.clone();
        for (double[] g : GRADS) {
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= LR * g[i];
            }
        }
        assertClose(got, expected);
    }

    @Test
    void momentumMatchesHandComputedUpdates() {
        Tensor p = param();
        assertClose(run(new Sgd(List.of(p), LR, 0.9), p), reference(0.9, false, 0));
    }

    @Test
    void nesterovMatchesHandComputedUpdates() {
        Tensor p = param();
        assertClose(run(new Sgd(List.of(p), LR, 0.9, true, 0.0), p), reference(0.9, true, 0));
    }

    @Test
    void weightDecayMatchesHandComputedUpdates() {
        Tensor p = param();
        assertClose(run(new Sgd(List.of(p), LR, 0.0, false, 0.3), p), reference(0, false, 0.3));
        Tensor q = param();
        assertClose(run(new Sgd(List.of(q), LR, 0.8, true, 0.3), q), reference(0.8, true, 0.3));
    }

    @Test
    void nesterovAndHeavyBallDiffer() {
        Tensor a = param();
        Tensor b = param();
        double[] heavy = run(new Sgd(List.of(a), LR, 0.9), a);
        double[] nesterov = run(new Sgd(List.of(b), LR, 0.9, true, 0.0), b);
        assertThat(Math.abs(heavy[0] - nesterov[0])).isGreaterThan(1e-3);
    }

    @Test
    void nesterovNeedsMomentum() {
        assertThatThrownBy(() -> new Sgd(List.of(param()), LR, 0.0, true, 0.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
