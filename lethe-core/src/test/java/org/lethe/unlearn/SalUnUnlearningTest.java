package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SalUnUnlearningTest {
    @Test
    void raisesTheForgetLossWithoutDestroyingTheModel() {
        ForgetFixture.Outcome o = ForgetFixture.seeded(SalUnUnlearning.METHOD, Map.of());

        assertThat(o.forgetLossAfter()).isGreaterThan(2 * o.forgetLossBefore());
        assertThat(o.validationRatio()).isGreaterThanOrEqualTo(0.9);
    }
}
