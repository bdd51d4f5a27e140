package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluenceUnlearningTest {
    @Test
    void aNewtonStepRaisesTheForgetLossWithoutDestroyingTheModel() {
        ForgetFixture.Outcome o = ForgetFixture.seeded(InfluenceUnlearning.METHOD, Map.of());
        assertThat(o.forgetLossAfter()).isGreaterThan(2 * o.forgetLossBefore());
        assertThat(o.validationRatio()).isGreaterThanOrEqualTo(0.9);
        assertThat(o.figures()).containsEntry("hessian_examples", 256).containsEntry("optimizer_steps", 0)
                .containsKeys("cg_iterations_run", "cg_relative_residual", "step_norm");
    }

    @Test
    void anOversizedStepIsHalvedUntilValidationAccuracyIsKept() {
        ForgetFixture.Outcome unguarded = ForgetFixture.seeded(InfluenceUnlearning.METHOD,
                Map.of("scale", 40.0, "keep_accuracy", 0.0));
        ForgetFixture.Outcome guarded = ForgetFixture.seeded(InfluenceUnlearning.METHOD,
                Map.of("scale", 40.0, "keep_accuracy", 0.98));
        assertThat(unguarded.validationRatio()).isLessThan(0.98);
        assertThat(unguarded.figures()).containsEntry("step_halvings", 0).containsEntry("step_scale_taken", 40.0);
        assertThat((Integer) guarded.figures().get("step_halvings")).isPositive();
        assertThat((Double) guarded.figures().get("step_scale_taken")).isLessThan(40.0);
        assertThat(guarded.validationRatio()).isGreaterThanOrEqualTo(0.98);
        assertThat(guarded.figures()).containsEntry("keep_accuracy_met", true);
    }

    @Test
    void conjugateGradientSolvesASymmetricPositiveDefiniteSystemAndStopsAtNegativeCurvature() {
        double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
        double[] b = {1, 2, 3};
        ConjugateGradient.Solution s = ConjugateGradient.solve(v -> times(a, v), b, 10);
        double[] ax = times(a, s.x());
        for (int i = 0; i < 3; i++) {
            assertThat(ax[i]).isCloseTo(b[i], within(1e-9));
        }
        assertThat(s.negativeCurvature()).isFalse();
        double[][] indefinite = {{1, 0}, {0, -1}};
        ConjugateGradient.Solution t = ConjugateGradient.solve(v -> times(indefinite, v), new double[] {1, 1}, 10);
        assertThat(t.negativeCurvature()).isTrue();
        assertThat(t.iterations()).isZero();
    }

    private static double[] times(double[][] a, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += a[i][j] * v[j];
            }
        }
        return out;
    }
}
