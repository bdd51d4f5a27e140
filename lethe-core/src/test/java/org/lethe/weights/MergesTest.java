package org.lethe.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.data.ImageDatasets;
import org.lethe.nn.Linear;
import org.lethe.nn.Mlp;
import org.lethe.nn.PerExampleGradients;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;

class MergesTest {
    private static WeightSet vector(double... v) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        m.put("w", NDArray.of(Real64.INSTANCE, v, v.length));
        return WeightSet.of(m);
    }

    @Test
    void tiesTrimsElectsAndAveragesTheAgreeingValues() {
        WeightSet a = vector(4, -3, 0.1, 2);
        WeightSet b = vector(2, 1, -0.2, -6);
        // density 0.5 keeps {4, -3} of a and {2, -6} of b; signs: +, -, none, -
        WeightSet merged = Merges.ties(List.of(a, b), 0.5);
        assertThat(merged.get("w").toDoubles()).containsExactly(3, -3, 0, -6);
    }

    @Test
    void dareKeepsTheVectorInExpectationAndRepeatsWithItsSeed() {
        double[] v = new double[20000];
        java.util.Arrays.fill(v, 1.0);
        WeightSet dropped = Merges.dare(List.of(vector(v)), 0.9, 3);
        double[] d = dropped.get("w").toDoubles();
        double mean = java.util.Arrays.stream(d).average().orElseThrow();
        assertThat(mean).isCloseTo(1.0, Offset.offset(0.1));
        assertThat(java.util.Arrays.stream(d).filter(x -> x == 0).count()).isBetween(17500L, 18500L);
        assertThat(Merges.dare(List.of(vector(v)), 0.9, 3).hash()).isEqualTo(dropped.hash());
        assertThat(Merges.dare(List.of(vector(v)), 0.9, 4).hash()).isNotEqualTo(dropped.hash());
    }

    @Test
    void fisherWeightingFollowsTheMoreCertainModel() {
        WeightSet merged = Merges.fisher(List.of(vector(0, 0), vector(1, 1)), List.of(vector(9, 1), vector(1, 1)), 1e-9);
        assertThat(merged.get("w").toDoubles()[0]).isCloseTo(0.1, Offset.offset(1e-9));
        assertThat(merged.get("w").toDoubles()[1]).isCloseTo(0.5, Offset.offset(1e-9));
        assertThat(Merges.average(List.of(vector(0, 2), vector(1, 1))).get("w").toDoubles()).containsExactly(0.5, 1.5);
    }

    @Test
    void diagonalFisherEqualsTheMeanSquaredPerExampleGradient() throws Exception {
        Dataset digits = ImageDatasets.digits();
        Mlp model = new Mlp(Real64.INSTANCE, new Rng(2), 784, 6, 10);
        int[] batch = {0, 1, 2, 3, 4, 5, 6};
        WeightSet fisher = DiagonalFisher.estimate(model, digits, batch, 3);
        // The reference: every example's own gradient through PerExampleGradients, squared and averaged.
        double[] expected = new double[6 * 784];
        ClassificationTask task = new ClassificationTask(digits, null, Real64.INSTANCE);
        Linear fc0 = model.layers().get(0);
        for (int i : batch) {
            try (PerExampleGradients g = PerExampleGradients.attach(model)) {
                Tensor loss = Functional.crossEntropy(model.forward(task.inputs(new int[] {i})), digits.labels(new int[] {i}));
                loss.backward();
                double[] w = g.weightGradients(fc0).toDoubles();
                for (int k = 0; k < w.length; k++) {
                    expected[k] += w[k] * w[k] / batch.length;
                }
                model.zeroGrad();
            }
        }
        double[] got = fisher.get("fc0.weight").toDoubles();
        for (int k = 0; k < got.length; k++) {
            assertThat(got[k]).isCloseTo(expected[k], Offset.offset(1e-12 + 1e-9 * Math.abs(expected[k])));
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> Merges.ties(List.of(vector(1)), 0)).hasMessageContaining("density");
        assertThatThrownBy(() -> Merges.dare(List.of(vector(1)), 1, 0)).hasMessageContaining("drop rate");
        assertThatThrownBy(() -> Merges.average(List.of(vector(1), vector(1, 2))))
                .hasMessageStartingWith("mismatched shapes");
    }
}
