package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubUnlearningTest {
    @Test
    void raisesTheForgetLossWithoutDestroyingTheModel() {
        ForgetFixture.Outcome o = ForgetFixture.seeded(ScrubUnlearning.METHOD, Map.of());
        ForgetFixture.Outcome minOnly = ForgetFixture.run(ScrubUnlearning.METHOD, Map.of("seed", 1, "max_rounds", 0));

        assertThat(o.forgetLossAfter()).isGreaterThan(minOnly.forgetLossAfter());
        assertThat(o.validationRatio()).isGreaterThanOrEqualTo(0.9);
    }
}
