package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;

class MaskedSmallGradientsTest {
    private static final DeletionMethod MSG = MaskedSmallGradients.METHOD;

    @Test
    void isSeededAndKeepsTheModel() {
        ForgetProblem p = UnlearningFixture.assertSeededAndHarmless(MSG, Map.of(), 0.95);
        // 30% of the one non-head weight matrix (784 x 16) is re-drawn; the head is left alone.
        assertThat(p.figures()).containsEntry("weights_redrawn", (int) Math.round(0.3 * 784 * 16));
    }

    @Test
    void redrawsOnlyTheChosenShareOfTheHiddenWeightsAndNeverTheHead() {
        // No fine-tuning to speak of and full damping: only the re-draw changes weights.
        ForgetProblem p = UnlearningFixture.run(MSG, Map.of("seed", 4, "rate", 1e-12, "damping", 0.0));
        Map<String, org.lethe.autograd.Tensor> after = ((Module) p.model()).namedParameters();
        Map<String, org.lethe.autograd.Tensor> before = ((Module) p.original()).namedParameters();
        assertThat(changed(before.get("fc0.weight").value(), after.get("fc0.weight").value()))
                .isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.01));
        assertThat(changed(before.get("fc1.weight").value(), after.get("fc1.weight").value())).isLessThan(1e-3);
    }

    private static double changed(NDArray a, NDArray b) {
        double[] x = a.toDoubles();
        double[] y = b.toDoubles();
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            n += Math.abs(x[i] - y[i]) > 1e-9 ? 1 : 0;
        }
        return n / (double) x.length;
    }
}
