package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientAscentUnlearningTest {
    @Test
    void raisesTheForgetLossWithoutDestroyingTheModel() {
        ForgetFixture.Outcome o = ForgetFixture.seeded(GradientAscentUnlearning.METHOD, Map.of());
        assertThat(o.forgetLossAfter()).isGreaterThan(1.5 * o.forgetLossBefore());
        assertThat(o.validationRatio()).isGreaterThanOrEqualTo(0.9);
        assertThat(o.figures()).containsEntry("ascent_steps", ForgetFixture.problem(GradientAscentUnlearning.METHOD,
                Map.of()).stepsFor(0.02));
    }
}
