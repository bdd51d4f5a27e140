package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.nn.Module;

class RandomNoiseInjectionTest {
    private static final DeletionMethod RNI = RandomNoiseInjection.METHOD;

    @Test
    void isSeededAndKeepsTheModel() {
        // The fixture trained for 160 steps; the lengths here are a run's share about seven times the default's (see
        // ResetDistilTest), enough to retrain a fresh head.
        ForgetProblem p = UnlearningFixture.assertSeededAndHarmless(RNI, Map.of("steps_fraction", 2.0), 0.9);
        // Four tensors (two layers): two trained per partial phase, one of them noised in each of four phases.
        assertThat(p.figures()).containsEntry("tensors_per_phase", 2).containsEntry("tensors_noised", 4)
                .containsEntry("steps_per_phase", 2 * p.originalSteps() / 9)
                .containsEntry("optimizer_steps", 9 * (2 * p.originalSteps() / 9));
    }

    @Test
    void theHeadStartsFresh() {
        // Rates of nothing: the head reset and the noise are all that change the weights.
        ForgetProblem p = UnlearningFixture.run(RNI, Map.of("seed", 6, "rate", 1e-12, "final_rate", 1e-12));
        Module model = (Module) p.model();
        Module original = (Module) p.original();
        assertThat(model.namedParameters().get("fc1.weight").value().toDoubles()).isNotEqualTo(
                original.namedParameters().get("fc1.weight").value().toDoubles());
        // Four noisy phases each noise one of the four tensors.
        assertThat(p.figures()).containsEntry("tensors_noised", 4);
    }
}
