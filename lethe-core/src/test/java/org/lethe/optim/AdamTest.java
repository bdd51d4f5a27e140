package org.lethe.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Tensor;
import org.lethe.optim.Adam.EpsilonPlacement;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;

class AdamTest {
    private static final double[] START = {0.5, -1.2, 2.0};
    private static final double[] TARGET = {1.0, 0.3, -0.5};
    private static final double[] WEIGHT = {0.7, 1.3, 0.2};

    /** Loss {@code sum_i w_i (p_i - t_i)^2}, whose gradient {@code 2 w_i (p_i - t_i)} the reference repeats. */
    private static Tensor loss(Tensor p) {
        Tensor t = Tensor.constant(NDArray.of(Real64.INSTANCE, TARGET, TARGET.length));
        Tensor w = Tensor.constant(NDArray.of(Real64.INSTANCE, WEIGHT, WEIGHT.length));
        Tensor d = p.sub(t);
        return d.mul(d).mul(w).sum();
    }

    private static double[] train(Adam.Builder options, Tensor p, int steps) {
        Adam adam = options.build();
        for (int s = 0; s < steps; s++) {
            adam.zeroGrad();
            loss(p).backward();
            adam.step();
        }
        return p.value().toDoubles();
    }

    /** Scalar Adam, one element at a time, written out from the update rule. */
    private static double[] reference(int steps, double lr, double beta1, double beta2, double eps, double wd,
                                      boolean decoupled, boolean biasCorrection, boolean epsInside) {
        double[] out = new double[START.length];
        for (int i = 0; i < START.length; i++) {
            double p = START[i];
            double m = 0;
            double v = 0;
            for (int t = 1; t <= steps; t++) {
                double g = 2 * WEIGHT[i] * (p - TARGET[i]);
                if (decoupled) {
                    p -= lr * wd * p;
                } else {
                    g += wd * p;
                }
                m = beta1 * m + (1 - beta1) * g;
                v = beta2 * v + (1 - beta2) * g * g;
                double mHat = biasCorrection ? m / (1 - Math.pow(beta1, t)) : m;
                double vHat = biasCorrection ? v / (1 - Math.pow(beta2, t)) : v;
                p -= lr * mHat / (epsInside ? Math.sqrt(vHat + eps) : Math.sqrt(vHat) + eps);
            }
            out[i] = p;
        }
        return out;
    }

    private static Tensor param() {
        return Tensor.parameter(NDArray.of(Real64.INSTANCE, START, START.length));
    }

    private static void assertClose(double[] actual, double[] expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element " + i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tol));
        }
    }

    @Test
    void epsOutsideSqrtMatchesTwoHandComputedSteps() {
        Tensor p = param();
        double[] got = train(Adam.builder(List.of(p)).learningRate(0.1).betas(0.8, 0.9).eps(0.1)
                .epsilonPlacement(EpsilonPlacement.EPS_OUTSIDE_SQRT), p, 2);
        assertClose(got, reference(2, 0.1, 0.8, 0.9, 0.1, 0, false, true, false), 1e-14);
    }

    @Test
    void epsInsideSqrtMatchesTwoHandComputedSteps() {
        Tensor p = param();
        double[] got = train(Adam.builder(List.of(p)).learningRate(0.1).betas(0.8, 0.9).eps(0.1)
                .epsilonPlacement(EpsilonPlacement.EPS_INSIDE_SQRT), p, 2);
        assertClose(got, reference(2, 0.1, 0.8, 0.9, 0.1, 0, false, true, true), 1e-14);
    }

    @Test
    void epsilonPlacementsGiveDifferentUpdates() {
        Tensor a = param();
        Tensor b = param();
        double[] outside = train(Adam.builder(List.of(a)).learningRate(0.1).eps(0.1), a, 2);
        double[] inside = train(Adam.builder(List.of(b)).learningRate(0.1).eps(0.1)
                .epsilonPlacement(EpsilonPlacement.EPS_INSIDE_SQRT), b, 2);
        for (int i = 0; i < START.length; i++) {
            assertThat(Math.abs(outside[i] - inside[i])).as("element " + i).isGreaterThan(1e-3);
        }
    }

    @Test
    void firstBiasCorrectedStepIsSignedLearningRateScaledByEpsilon() {
        // At t = 1, m_hat = g and v_hat = g^2, so the step is lr * g / (|g| + eps) or lr * g / sqrt(g^2 + eps).
        double lr = 0.05;
        double eps = 0.3;
        for (EpsilonPlacement placement : EpsilonPlacement.values()) {
            Tensor p = param();
            double[] got = train(Adam.builder(List.of(p)).learningRate(lr).eps(eps).epsilonPlacement(placement), p, 1);
            for (int i = 0; i < START.length; i++) {
                double g = 2 * WEIGHT[i] * (START[i] - TARGET[i]);
                double denominator = placement == EpsilonPlacement.EPS_OUTSIDE_SQRT
                        ? Math.abs(g) + eps : Math.sqrt(g * g + eps);
                assertThat(got[i]).as(placement + " element " + i)
                        .isCloseTo(START[i] - lr * g / denominator, org.assertj.core.data.Offset.offset(1e-15));
            }
        }
    }

    @Test
    void withoutBiasCorrectionMatchesReference() {
        Tensor p = param();
        double[] got = train(Adam.builder(List.of(p)).learningRate(0.1).betas(0.8, 0.9).eps(1e-3)
                .biasCorrection(false), p, 2);
        assertClose(got, reference(2, 0.1, 0.8, 0.9, 1e-3, 0, false, false, false), 1e-14);
    }

    @Test
    void adamWDecaysDecoupledFromTheMoments() {
        Tensor p = param();
        double[] got = train(Adam.builder(List.of(p)).learningRate(0.1).eps(0.01).weightDecay(0.5)
                .decoupledWeightDecay(true), p, 2);
        assertClose(got, reference(2, 0.1, 0.9, 0.999, 0.01, 0.5, true, true, false), 1e-14);

        Tensor q = param();
        double[] coupled = train(Adam.builder(List.of(q)).learningRate(0.1).eps(0.01).weightDecay(0.5), q, 2);
        assertClose(coupled, reference(2, 0.1, 0.9, 0.999, 0.01, 0.5, false, true, false), 1e-14);
        assertThat(Math.abs(coupled[0] - got[0])).isGreaterThan(1e-4);
    }

    @Test
    void adamWWithZeroGradientOnlyShrinks() {
        Tensor p = param();
        Adam adam = Adam.adamW(List.of(p), 0.1, 0.2);
        for (int s = 0; s < 3; s++) {
            p.setGrad(NDArray.zeros(Real64.INSTANCE, START.length));
            adam.step();
        }
        double shrink = Math.pow(1 - 0.1 * 0.2, 3);
        assertClose(p.value().toDoubles(), new double[] {START[0] * shrink, START[1] * shrink, START[2] * shrink}, 1e-15);
    }

    @Test
    void defaultsArePyTorchs() {
        Adam adam = Adam.builder(List.of(param())).build();
        assertThat(adam.learningRate()).isEqualTo(1e-3);
        assertThat(adam.beta1()).isEqualTo(0.9);
        assertThat(adam.beta2()).isEqualTo(0.999);
        assertThat(adam.eps()).isEqualTo(1e-8);
        assertThat(adam.weightDecay()).isZero();
        assertThat(adam.biasCorrection()).isTrue();
        assertThat(adam.epsilonPlacement()).isEqualTo(EpsilonPlacement.EPS_OUTSIDE_SQRT);
        Adam w = Adam.adamW(List.of(param()), 1e-3, 0.01);
        assertThat(w.decoupledWeightDecay()).isTrue();
        assertThat(w.weightDecay()).isEqualTo(0.01);
    }

    @Test
    void restoredStateContinuesBitIdentically() {
        Tensor a = param();
        Adam first = Adam.builder(List.of(a)).learningRate(0.1).build();
        for (int s = 0; s < 2; s++) {
            first.zeroGrad();
            loss(a).backward();
            first.step();
        }
        Tensor b = Tensor.parameter(a.value().copy());
        Adam second = Adam.builder(List.of(b)).learningRate(0.1).build();
        second.setState(0, first.firstMoment(0), first.secondMoment(0), first.parameterSteps(0));
        assertThat(first.parameterSteps(0)).isEqualTo(2);
        for (Adam opt : List.of(first, second)) {
            Tensor p = opt == first ? a : b;
            opt.zeroGrad();
            loss(p).backward();
            opt.step();
        }
        assertThat(b.value().toDoubles()).containsExactly(a.value().toDoubles());
    }

    @Test
    void parametersWithoutGradientKeepTheirStepCount() {
        Tensor a = param();
        Tensor b = param();
        Adam adam = Adam.builder(List.of(a, b)).build();
        loss(a).backward();
        adam.step();
        assertThat(adam.parameterSteps(0)).isEqualTo(1);
        assertThat(adam.parameterSteps(1)).isZero();
        assertThat(adam.firstMoment(1)).isNull();
        assertThat(b.value().toDoubles()).containsExactly(START);
    }

    @Test
    void stateKeepsTheParameterAlgebra() {
        Tensor p = Tensor.parameter(NDArray.of(Real32.INSTANCE, START, START.length));
        Adam adam = Adam.builder(List.of(p)).build();
        p.setGrad(NDArray.full(Real32.INSTANCE, 1.0, START.length));
        adam.step();
        assertThat(adam.firstMoment(0).algebra()).isSameAs(Real32.INSTANCE);
        assertThat(adam.secondMoment(0).algebra()).isSameAs(Real32.INSTANCE);
        assertThatThrownBy(() -> adam.setState(0, NDArray.zeros(Real64.INSTANCE, 3), NDArray.zeros(Real64.INSTANCE, 3), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first moment");
    }

    @Test
    void gradientArraysAreNotModified() {
        Tensor p = param();
        NDArray g = NDArray.of(Real64.INSTANCE, new double[] {1, -2, 3}, 3);
        p.setGrad(g);
        Adam.builder(List.of(p)).weightDecay(0.1).build().step();
        assertThat(g.toDoubles()).containsExactly(1, -2, 3);
    }

    @Test
    void rejectsInvalidOptions() {
        Adam.Builder b = Adam.builder(List.of(param()));
        assertThatThrownBy(() -> b.betas(1.0, 0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.eps(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.learningRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.weightDecay(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
