package org.lethe.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

class LearningRateScheduleTest {
    private static final Offset<Double> TOL = Offset.offset(1e-15);

    @Test
    void constantIsConstant() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.03);
        assertThat(s.rate(0)).isEqualTo(0.03);
        assertThat(s.rate(12345)).isEqualTo(0.03);
    }

    @Test
    void linearDecayReachesTheFinalFractionAndStays() {
        LearningRateSchedule s = LearningRateSchedule.linearDecay(0.1, 0.2, 100);
        assertThat(s.rate(0)).isCloseTo(0.1, TOL);
        assertThat(s.rate(25)).isCloseTo(0.1 * (1 - 0.8 * 0.25), TOL);
        assertThat(s.rate(50)).isCloseTo(0.06, TOL);
        assertThat(s.rate(100)).isCloseTo(0.02, TOL);
        assertThat(s.rate(1000)).isCloseTo(0.02, TOL);
    }

    @Test
    void cosineFallsToTheMinimumAlongHalfACosine() {
        LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 0.1, 40);
        assertThat(s.rate(0)).isCloseTo(1.0, TOL);
        assertThat(s.rate(10)).isCloseTo(0.1 + 0.9 * (1 + Math.sqrt(0.5)) / 2, TOL);
        assertThat(s.rate(20)).isCloseTo(0.55, TOL);
        assertThat(s.rate(30)).isCloseTo(0.1 + 0.9 * (1 - Math.sqrt(0.5)) / 2, TOL);
        assertThat(s.rate(40)).isCloseTo(0.1, TOL);
        assertThat(s.rate(41)).isCloseTo(0.1, TOL);
    }

    @Test
    void warmupRisesLinearlyFromZeroThenDelegatesFromItsStepZero() {
        LearningRateSchedule after = LearningRateSchedule.linearDecay(0.4, 0.0, 8);
        LearningRateSchedule s = LearningRateSchedule.warmup(4, after);
        assertThat(s.rate(0)).isZero();
        assertThat(s.rate(1)).isCloseTo(0.1, TOL);
        assertThat(s.rate(3)).isCloseTo(0.3, TOL);
        assertThat(s.rate(4)).isCloseTo(0.4, TOL);
        assertThat(s.rate(6)).isCloseTo(after.rate(2), TOL);
        assertThat(s.rate(12)).isZero();
    }

    @Test
    void applySetsTheOptimizersRate() {
        Tensor p = Tensor.parameter(NDArray.zeros(Real64.INSTANCE, 1));
        Sgd sgd = new Sgd(List.of(p), 1.0, 0.0);
        LearningRateSchedule s = LearningRateSchedule.cosine(0.2, 0.0, 10);
        s.apply(sgd, 5);
        assertThat(sgd.learningRate()).isCloseTo(0.1, TOL);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> LearningRateSchedule.constant(0.1).rate(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(0.1, 0.0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
        assertThatThrownBy(() -> LearningRateSchedule.warmup(5, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LearningRateSchedule.linearDecay(-0.1, 0.5, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
