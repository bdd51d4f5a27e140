package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.lethe.nn.Module;
import org.junit.jupiter.api.Test;

class GradientAscentUnlearningTest {
    @Test
    void raisesTheForgetLossWithoutDestroyingTheModel() {
        ForgetFixture.Outcome o = ForgetFixture.seeded(GradientAscentUnlearning.METHOD, Map.of());
        assertThat(o.forgetLossAfter()).isGreaterThan(1.5 * o.forgetLossBefore());
        assertThat(o.validationRatio()).isGreaterThanOrEqualTo(0.9);
        assertThat(o.figures()).containsEntry("ascent_steps", ForgetFixture.problem(GradientAscentUnlearning.METHOD,
                Map.of()).stepsFor(0.02));
        assertThat(o.figures()).containsEntry("stopped_at_ceiling", false);
    }

    @Test
    void aDivergentAscentStopsAtTheCeilingWithFiniteWeights() {
        // Twenty times the default rate for half the original training: unbounded, this ascent ends in NaN weights.
        Map<String, Object> divergent = Map.of("learning_rate", 2.0, "steps_fraction", 0.5, "seed", 1);
        ForgetProblem p = ForgetFixture.problem(GradientAscentUnlearning.METHOD, divergent);
        GradientAscentUnlearning.METHOD.approximateDeletion().orElseThrow().apply(p);

        assertThat(FiniteModelGuard.firstNonFiniteParameter((Module) p.model())).isNull();
        assertThat(p.figures()).containsEntry("stopped_at_ceiling", true);
        assertThat((Integer) p.figures().get("ascent_steps")).isLessThan(p.stepsFor(0.5));
        // It stopped before a batch already past the ceiling, so the forget loss rose but the last step was not taken.
        assertThat(ForgetFixture.forgetLoss(p, p.model())).isFinite()
                .isGreaterThan(ForgetFixture.forgetLoss(p, p.original()));
        assertThat((Integer) p.figures().get("ascent_steps")).isPositive();
    }
}
