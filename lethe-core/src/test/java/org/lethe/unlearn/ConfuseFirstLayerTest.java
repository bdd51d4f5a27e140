package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.nn.Module;

class ConfuseFirstLayerTest {
    private static final DeletionMethod CFW = ConfuseFirstLayer.METHOD;

    @Test
    void isSeededAndKeepsTheModel() {
        ForgetProblem p = UnlearningFixture.assertSeededAndHarmless(CFW, Map.of(), 0.95);
        assertThat(p.figures()).containsEntry("noised_layer", "fc0")
                .containsEntry("fine_tune_steps", p.stepsFor(4.0 / 30.0));
    }

    @Test
    void theNoiseLandsOnTheFirstLayerAtTheRequestedScale() {
        ForgetProblem p = UnlearningFixture.run(CFW, Map.of("seed", 5, "noise", 0.5, "final_noise", 0.0, "rate", 1e-12));
        double[] before = ((Module) p.original()).namedParameters().get("fc0.weight").value().toDoubles();
        double[] after = ((Module) p.model()).namedParameters().get("fc0.weight").value().toDoubles();
        double rms = 0;
        double noise = 0;
        for (int i = 0; i < before.length; i++) {
            rms += before[i] * before[i] / before.length;
            noise += (after[i] - before[i]) * (after[i] - before[i]) / before.length;
        }
        assertThat(Math.sqrt(noise) / Math.sqrt(rms)).isCloseTo(0.5, within(0.02));
        assertThat(((Module) p.model()).namedParameters().get("fc1.weight").value().toDoubles())
                .usingComparatorWithPrecision(1e-9)
                .containsExactly(((Module) p.original()).namedParameters().get("fc1.weight").value().toDoubles());
    }

    @Test
    void balancedClassWeightsMakeEveryClassWeighTheSame() {
        ForgetProblem p = UnlearningFixture.problem(CFW, Map.of());
        ClassWeights w = ClassWeights.balanced(p.train(), p.retain());
        double[] total = new double[p.classCount()];
        for (int i : p.retain()) {
            total[p.train().label(i)] += w.of(p.train().label(i));
        }
        for (double t : total) {
            assertThat(t).isCloseTo(p.retain().length / (double) p.classCount(), within(1e-9));
        }
        ClassWeights flat = ClassWeights.powerOfCounts(p.train(), p.retain(), 0.0);
        int[] batch = {0, 1, 2, 5, 8};
        assertThat(flat.crossEntropy(UnlearningLosses.logits(p.model(), p.trainTask(), batch), p.train().labels(batch))
                .item()).isCloseTo(UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch).item(), within(1e-12));
    }
}
