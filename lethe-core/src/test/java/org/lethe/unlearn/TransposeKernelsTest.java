package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;

class TransposeKernelsTest {
    private static final DeletionMethod CT = TransposeKernels.METHOD;

    @Test
    void isSeededAndKeepsTheModel() {
        // The fixture trained for 160 steps only; three times that in fine-tuning stands for the default share of a long
        // run (and 64 hidden units: a transposed first layer of 16 recovers too slowly).
        ForgetProblem p = UnlearningFixture.assertSeededAndHarmless(CT, Map.of("steps_fraction", 3.0), 0.9, 784, 64, 10);
        assertThat(p.figures()).containsEntry("transposed", "fc0.weight");
    }

    @Test
    void anMlpsFirstLayerRowsAreTransposedAsImages() {
        ForgetProblem p = UnlearningFixture.run(CT, Map.of("seed", 1, "rate", 1e-12));
        double[] before = ((Module) p.original()).namedParameters().get("fc0.weight").value().toDoubles();
        double[] after = ((Module) p.model()).namedParameters().get("fc0.weight").value().toDoubles();
        int unit = 3;
        int row = 5;
        int column = 20;
        assertThat(after[unit * 784 + row * 28 + column]).isCloseTo(before[unit * 784 + column * 28 + row],
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aModelWithoutConvolutionsOrImageInputIsRefused() {
        // Ten examples of 12 features: no convolution, and 12 is not a square number.
        int n = 10;
        int features = 12;
        float[] x = new float[n * features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            x[i * features + i % features] = 1f;
        }
        Dataset data = Dataset.of("tiny", x, features, labels, Dataset.sequentialIds("t", n), null, null);
        ModelSpec spec = ModelSpec.mlp(features, 4, 2);
        TrainConfig c = new TrainConfig();
        c.algebra = "f64";
        ForgetProblem p = ForgetProblem.of((Layer) spec.build(ModelSpec.algebra("f64"), 1), spec, c, data,
                new int[] {0}, data, 0, CT.defaults());
        assertThatThrownBy(() -> CT.approximateDeletion().orElseThrow().apply(p))
                .hasMessageContaining("does not read a square image");
    }
}
