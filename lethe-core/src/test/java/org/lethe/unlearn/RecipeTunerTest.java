package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.train.TrainingRun;

class RecipeTunerTest {
    private static RecipeTuner.Result tune(double budget, int seed) {
        TrainingRun run = ForgetFixture.trained();
        return RecipeTuner.tune(NegGradPlusUnlearning.METHOD, NegGradPlusUnlearning.METHOD.settings(Map.of("seed", seed)),
                run.model, run.modelSpec, run.config, run.data.trainDataset(), ForgetFixture.FORGET,
                run.data.testDataset(), budget);
    }

    @Test
    void picksTheRecipeWhoseForgetLossesLookMostLikeHeldOutOnesWithinTheAccuracyTolerance() {
        RecipeTuner.Result r = tune(0.5, 3);
        // The defaults come first; the budget (half a training run of steps) stops the search.
        assertThat(r.trials().get(0).parameters()).isEqualTo(NegGradPlusUnlearning.METHOD.settings(Map.of("seed", 3))
                .values());
        assertThat(r.trials().size()).isGreaterThan(1);
        assertThat(r.stepsSpent() - r.trials().get(r.trials().size() - 1).steps()).isLessThan(r.stepBudget());
        // The memorised forget set starts far from held-out losses.
        assertThat(r.originalLossDistance()).isGreaterThan(0.2);
        RecipeTuner.Trial chosen = r.trials().stream().filter(t -> t.parameters().equals(r.chosen())).findFirst()
                .orElseThrow();
        assertThat(chosen.withinTolerance()).isTrue();
        assertThat(chosen.lossDistance()).isLessThan(r.originalLossDistance());
        assertThat(chosen.validationAccuracy()).isGreaterThanOrEqualTo(r.originalValidationAccuracy()
                - RecipeTuner.TOLERANCE);
        for (RecipeTuner.Trial t : r.trials()) {
            if (t.withinTolerance()) {
                assertThat(chosen.lossDistance()).isLessThanOrEqualTo(t.lossDistance());
            }
        }
        assertThat(r.chosen()).containsKeys("alpha", "steps_fraction", "learning_rate");
    }

    @Test
    void theSameSeedGivesTheSameRecipeAndABadBudgetIsRefused() {
        RecipeTuner.Result a = tune(0.2, 1);
        RecipeTuner.Result b = tune(0.2, 1);
        assertThat(b.chosen()).isEqualTo(a.chosen());
        assertThat(b.trials()).isEqualTo(a.trials());
        assertThat(RecipeTuner.ks(new double[] {1, 2, 3}, new double[] {1, 2, 3})).isZero();
        assertThat(RecipeTuner.ks(new double[] {1, 2}, new double[] {3, 4})).isCloseTo(1.0, within(1e-12));
        assertThat(RecipeTuner.mainKnob(NegGradPlusUnlearning.METHOD).name()).isEqualTo("alpha");
        assertThatThrownBy(() -> tune(0, 1)).hasMessageContaining("budget");
    }
}
