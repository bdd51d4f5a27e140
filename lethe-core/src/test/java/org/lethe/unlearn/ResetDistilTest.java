package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.nn.Module;

class ResetDistilTest {
    private static final DeletionMethod KDE = ResetDistil.METHOD;

    @Test
    void isSeededAndKeepsTheModel() {
        // The fixture trained for 160 steps only: 3/30 of that (16 steps) cannot train a fresh head, so the lengths
        // here are those of a run ten times as long relative to its training (the memorising benchmark's 600
        // training steps give 60 of each at the defaults).
        ForgetProblem p = UnlearningFixture.assertSeededAndHarmless(KDE,
                Map.of("distil_fraction", 1.0, "steps_fraction", 1.0), 0.9);
        // Two layers: nothing between first and last, so only the head is reset.
        assertThat(p.figures()).containsEntry("reset_layers", "fc1")
                .containsEntry("distil_steps", p.originalSteps()).containsEntry("fine_tune_steps", p.originalSteps());
    }

    @Test
    void resetsTheFirstLayerTooOnlyInModelsDeepEnough() {
        Map<String, Object> noTraining = Map.of("seed", 2, "distil_rate", 1e-12, "rate", 1e-12,
                "first_layer_min_depth", 3);
        ForgetProblem p = UnlearningFixture.run(KDE, noTraining, 784, 12, 12, 10);
        assertThat(p.figures()).containsEntry("reset_layers", "fc0,fc2");
        Module fresh = (Module) p.freshModel(0);
        for (String name : new String[] {"fc0.weight", "fc2.bias"}) {
            assertThat(((Module) p.model()).namedParameters().get(name).value().toDoubles())
                    .usingComparatorWithPrecision(1e-9)
                    .containsExactly(fresh.namedParameters().get(name).value().toDoubles());
        }
        assertThat(((Module) p.model()).namedParameters().get("fc1.weight").value().toDoubles())
                .usingComparatorWithPrecision(1e-9)
                .containsExactly(((Module) p.original()).namedParameters().get("fc1.weight").value().toDoubles());
        ForgetProblem kept = UnlearningFixture.run(KDE, Map.of("seed", 2, "first_layer_min_depth", 4), 784, 12, 12, 10);
        assertThat(kept.figures()).containsEntry("reset_layers", "fc2");
        ForgetProblem byDefault = UnlearningFixture.run(KDE, Map.of("seed", 2), 784, 12, 12, 10);
        assertThat(byDefault.figures()).containsEntry("reset_layers", "fc2");
        assertThatThrownBy(() -> UnlearningFixture.run(KDE, Map.of("seed", 2, "first_layer_min_depth", 2), 784, 12,
                10)).hasMessageContaining("first_layer_min_depth must be at least 3");
    }
}
