package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;

class PruneRetrainQuantiseTest {
    private static final DeletionMethod PRMQ = PruneRetrainQuantise.METHOD;

    @Test
    void isSeededAndKeepsTheModel() {
        // The fixture trained for 160 steps; twice its length of fine-tuning stands for the default's share of a
        // long run (see ResetDistilTest).
        ForgetProblem p = UnlearningFixture.assertSeededAndHarmless(PRMQ, Map.of("steps_fraction", 2.0), 0.9);
        long total = ((Module) p.model()).parameterCount();
        assertThat(p.figures()).containsEntry("parameters_pruned", (int) Math.round(0.9 * total));
    }

    @Test
    void everyParameterEndsInHalfPrecision() {
        ForgetProblem p = UnlearningFixture.run(PRMQ, Map.of("seed", 1));
        for (Tensor t : ((Module) p.model()).namedParameters().values()) {
            for (double v : t.value().toDoubles()) {
                assertThat((double) Float.intBitsToFloat(Float.floatToIntBits((float) v))).isEqualTo(v);
                assertThat(HalfPrecision.round(v)).isEqualTo(v);
            }
        }
    }

    @Test
    void halfPrecisionRoundsToElevenSignificantBitsAndSubnormals() {
        assertThat(HalfPrecision.round(1.0 + 1.0 / 4096)).isEqualTo(1.0);
        assertThat(HalfPrecision.round(1.0 + 3.0 / 2048)).isEqualTo(1.0 + 2.0 / 1024);
        assertThat(HalfPrecision.round(Math.scalb(1.0, -24) * 0.6)).isEqualTo(Math.scalb(1.0, -24));
        assertThat(HalfPrecision.round(70000.0)).isInfinite();
        assertThat(HalfPrecision.round(-0.1)).isEqualTo(-0.0999755859375);
    }

    @Test
    void pruningAllButTheLargestLeavesThemInPlace() {
        ForgetProblem p = UnlearningFixture.run(PRMQ, Map.of("seed", 1, "prune_fraction", 0.5, "rate", 1e-12));
        double[] before = ((Module) p.original()).namedParameters().get("fc1.bias").value().toDoubles();
        double[] after = ((Module) p.model()).namedParameters().get("fc1.bias").value().toDoubles();
        for (int i = 0; i < before.length; i++) {
            // A bias is either kept (to half precision) or pruned to 0.
            assertThat(after[i] == 0 || Math.abs(after[i] - before[i]) <= Math.abs(before[i]) * 1e-3 + 1e-7)
                    .as("bias %d: %s -> %s", i, before[i], after[i]).isTrue();
        }
    }
}
