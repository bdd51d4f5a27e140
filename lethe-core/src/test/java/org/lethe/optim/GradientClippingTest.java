package org.lethe.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;

class GradientClippingTest {

    private static Tensor withGrad(Algebra algebra, double... grad) {
        Tensor p = Tensor.parameter(NDArray.zeros(algebra, grad.length));
        p.setGrad(NDArray.of(algebra, grad, grad.length));
        return p;
    }

    @Test
    void globalNormClipScalesAllGradientsTogether() {
        Tensor a = withGrad(Real64.INSTANCE, 3, 4);
        Tensor b = withGrad(Real64.INSTANCE, 12);
        Tensor noGrad = Tensor.parameter(NDArray.zeros(Real64.INSTANCE, 2));
        NDArray originalA = a.grad();
        double norm = GradientClipping.clipByGlobalNorm(List.of(a, b, noGrad), 6.5);
        assertThat(norm).isCloseTo(13.0, Offset.offset(1e-12));
        double scale = 6.5 / (13.0 + 1e-6);
        assertThat(a.grad().toDoubles()).containsExactly(new double[] {3 * scale, 4 * scale}, Offset.offset(1e-14));
        assertThat(b.grad().toDoubles()).containsExactly(new double[] {12 * scale}, Offset.offset(1e-14));
        assertThat(GradientClipping.globalNorm(List.of(a, b))).isCloseTo(6.5, Offset.offset(1e-6));
        assertThat(noGrad.grad()).isNull();
        assertThat(originalA.toDoubles()).as("a shared gradient array is not modified").containsExactly(3, 4);
    }

    @Test
    void globalNormBelowTheLimitLeavesGradientsAlone() {
        Tensor a = withGrad(Real64.INSTANCE, 0.3, -0.4);
        NDArray before = a.grad();
        assertThat(GradientClipping.clipByGlobalNorm(List.of(a), 1.0)).isCloseTo(0.5, Offset.offset(1e-15));
        assertThat(a.grad()).isSameAs(before);
    }

    @Test
    void nonFiniteNormIsReportedAndNothingIsScaled() {
        Tensor a = withGrad(Real64.INSTANCE, Double.NaN, 1.0);
        NDArray before = a.grad();
        assertThat(GradientClipping.clipByGlobalNorm(List.of(a), 1.0)).isNaN();
        assertThat(a.grad()).isSameAs(before);
    }

    @Test
    void valueClipClampsEachElementExactlyInBothPrecisions() {
        double[] grad = {-3.0, 0.5, 2.0, -0.2, 1.0, -1.0, 1.7};
        for (Algebra algebra : List.of(Real64.INSTANCE, Real32.INSTANCE)) {
            Tensor p = withGrad(algebra, grad);
            NDArray before = p.grad();
            GradientClipping.clipByValue(List.of(p), 1.0);
            double[] expected = new double[grad.length];
            for (int i = 0; i < grad.length; i++) {
                expected[i] = NDArray.of(algebra, new double[] {Math.max(-1.0, Math.min(1.0, grad[i]))}, 1).item();
            }
            assertThat(p.grad().toDoubles()).as(algebra.name()).containsExactly(expected);
            assertThat(p.grad().algebra()).isSameAs(algebra);
            assertThat(before.toDoubles()).as("a shared gradient array is not modified")
                    .containsExactly(NDArray.of(algebra, grad, grad.length).toDoubles());
        }
    }

    @Test
    void rejectsInvalidLimits() {
        assertThatThrownBy(() -> GradientClipping.clipByGlobalNorm(List.of(), 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("norm");
        assertThatThrownBy(() -> GradientClipping.clipByValue(List.of(), -1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip value");
    }
}
