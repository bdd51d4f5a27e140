package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class CertifiedRemovalUnlearningTest {
    @Test
    void statesItsGuaranteeAndKeepsTheAccumulatedBoundWithinTheBudget() {
        ForgetFixture.Outcome o = ForgetFixture.seeded(CertifiedRemovalUnlearning.METHOD, Map.of());
        assertThat(o.validationRatio()).isGreaterThanOrEqualTo(0.9);
        Map<String, Object> f = o.figures();
        assertThat(f).containsKeys("epsilon", "delta", "sigma", "certified_scope");
        assertThat((double) f.get("gradient_residual_bound")).isLessThanOrEqualTo((double) f.get("residual_budget"));
        assertThat((int) f.get("head_retrains") + (int) f.get("newton_removals")).isEqualTo(ForgetFixture.FORGET.length);
    }

    @Test
    void aBudgetTooSmallForAnyNewtonStepRetrainsTheHeadAtEveryRemoval() {
        ForgetFixture.Outcome o = ForgetFixture.run(CertifiedRemovalUnlearning.METHOD, Map.of("seed", 1,
                "epsilon", 1e-12));
        assertThat(o.figures()).containsEntry("head_retrains", ForgetFixture.FORGET.length)
                .containsEntry("gradient_residual_bound", 0.0);
    }

    @Test
    void theResidualBoundHoldsForANewtonRemovalStep() {
        Rng rng = new Rng(3);
        int m = 60;
        int d = 5;
        double[] rows = new double[m * d];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                rows[i * d + j] = rng.nextGaussian();
                norm += rows[i * d + j] * rows[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                rows[i * d + j] /= Math.sqrt(norm);
            }
            y[i] = rows[i * d] + 0.3 * rng.nextGaussian() > 0 ? 1 : -1;
        }
        double[] b = {0.1, -0.2, 0.05, 0.0, 0.3};
        PerturbedLogisticHead head = new PerturbedLogisticHead(1e-2, b);
        double[] w = head.fit(NDArray.of(Real64.INSTANCE, rows, m, d), y, 30);
        NDArray rest = NDArray.of(Real64.INSTANCE, java.util.Arrays.copyOf(rows, (m - 1) * d), m - 1, d);
        double[] restY = java.util.Arrays.copyOf(y, m - 1);
        PerturbedLogisticHead.NewtonStep newton = head.newtonStep(rest, restY, w);
        double[] removed = newton.w();
        double[] step = new double[d];
        for (int j = 0; j < d; j++) {
            step[j] = removed[j] - w[j];
        }
        double residual = PerturbedLogisticHead.norm(head.gradient(rest, restY, removed));
        double bound = PerturbedLogisticHead.residualBound(rest, PerturbedLogisticHead.spectralNorm(rest, 200), step);
        assertThat(PerturbedLogisticHead.norm(step)).isGreaterThan(1e-4);
        assertThat(newton.solveResidual()).isLessThan(1e-8);
        assertThat(residual).isGreaterThan(0).isLessThanOrEqualTo(bound + newton.solveResidual());
    }
}
