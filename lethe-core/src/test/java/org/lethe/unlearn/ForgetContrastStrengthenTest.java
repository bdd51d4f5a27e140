package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ForgetContrastStrengthenTest {
    private static final DeletionMethod FCS = ForgetContrastStrengthen.METHOD;

    @Test
    void isSeededKeepsTheModelAndTakesTheStepsOfItsRounds() {
        ForgetProblem p = UnlearningFixture.assertSeededAndHarmless(FCS, Map.of(), 0.95);
        // One forget batch (5 examples) towards uniform, then per round one contrastive step and the strengthen steps.
        int perRound = p.stepsFor(8.0 / 30.0) / 8;
        assertThat(p.figures()).containsEntry("contrast_steps", 8).containsEntry("retain_steps", 8 * perRound)
                .containsEntry("optimizer_steps", 1 + 8 + 8 * perRound);
    }

    @Test
    void contrastiveStepsLowerTheForgetSetsConfidenceMoreThanRetainTrainingAlone() {
        Map<String, Object> noRetain = Map.of("seed", 3, "steps_fraction", 1e-9, "rounds", 1, "contrast_rate", 5.0,
                "forget_rate", 2.0);
        ForgetProblem p = UnlearningFixture.run(FCS, noRetain);
        double before = p.accuracy(p.original(), p.trainTask(), p.forget());
        double after = p.accuracy(p.model(), p.trainTask(), p.forget());
        assertThat(after).isLessThan(before);
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> UnlearningFixture.run(FCS, Map.of("rounds", 0)))
                .hasMessage("rounds must be >= 1, got 0");
        assertThatThrownBy(() -> UnlearningFixture.run(FCS, Map.of("temperature", 0.0)))
                .hasMessage("temperature must be > 0, got 0.0");
    }
}
