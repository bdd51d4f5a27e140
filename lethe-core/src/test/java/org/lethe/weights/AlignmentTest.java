package org.lethe.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.data.ImageDatasets;
import org.lethe.nn.Layer;
import org.lethe.nn.Mlp;
import org.lethe.nn.SmallCnn;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class AlignmentTest {
    @Test
    void permutingHiddenUnitsKeepsTheFunctionOfAnMlpAndACnn() {
        Layer mlp = new Mlp(Real64.INSTANCE, new Rng(1), 12, 9, 7, 3);
        assertSameFunction(mlp, new Mlp(Real64.INSTANCE, new Rng(2), 12, 9, 7, 3), new int[] {5, 12});
        Layer cnn = new SmallCnn(Real64.INSTANCE, new Rng(1), 16, 3, 4, 5, 3);
        assertSameFunction(cnn, new SmallCnn(Real64.INSTANCE, new Rng(2), 16, 3, 4, 5, 3), new int[] {2, 1, 16, 16});
    }

    private static void assertSameFunction(Layer model, Layer scratch, int[] inputShape) {
        PermutationSpec spec = PermutationSpec.of(model);
        Rng rng = new Rng(9);
        int[][] perms = spec.identity();
        for (int g = 0; g < perms.length; g++) {
            perms[g] = rng.permutation(perms[g].length);
        }
        WeightSet permuted = spec.apply(WeightSet.of(model), perms);
        assertThat(permuted.hash()).isNotEqualTo(WeightSet.of(model).hash());
        permuted.applyTo(scratch);
        double[] x = new double[inputShape[0] * inputShape[1] * (inputShape.length > 2 ? inputShape[2] * inputShape[3] : 1)];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        Tensor in = Tensor.constant(NDArray.of(Real64.INSTANCE, x, inputShape));
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            double[] a = model.forward(in).value().toDoubles();
            double[] b = scratch.forward(in).value().toDoubles();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void weightMatchingUndoesAHiddenPermutationExactly() {
        Layer b = new Mlp(Real32.INSTANCE, new Rng(4), 20, 16, 16, 5);
        PermutationSpec spec = PermutationSpec.of(b);
        Rng rng = new Rng(5);
        int[][] hidden = spec.identity();
        for (int g = 0; g < hidden.length; g++) {
            hidden[g] = rng.permutation(hidden[g].length);
        }
        WeightSet a = spec.apply(WeightSet.of(b), hidden);
        Alignment result = WeightMatching.align(spec, a, WeightSet.of(b), 0, 11);
        assertThat(result.aligned().hash()).isEqualTo(WeightSet.of(b).hash());
        assertThat(result.sweeps()).isGreaterThanOrEqualTo(2);
        assertThat(result.objective()).isCloseTo(WeightSet.of(b).dot(WeightSet.of(b)), org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void weightMatchingNeverLowersTheObjectiveAndIsDeterministic() {
        Layer a = new Mlp(Real32.INSTANCE, new Rng(6), 20, 16, 16, 5);
        Layer b = new Mlp(Real32.INSTANCE, new Rng(7), 20, 16, 16, 5);
        PermutationSpec spec = PermutationSpec.of(a);
        Alignment once = WeightMatching.align(spec, WeightSet.of(a), WeightSet.of(b), 2, 1);
        Alignment again = WeightMatching.align(spec, WeightSet.of(a), WeightSet.of(b), 2, 1);
        assertThat(once.aligned().hash()).isEqualTo(again.aligned().hash());
        assertThat(once.objective()).isGreaterThanOrEqualTo(WeightSet.of(b).dot(WeightSet.of(a)));
        assertThat(once.restarts()).isEqualTo(3);
    }

    @Test
    void activationMatchingRecoversAPermutedCopy() throws Exception {
        Dataset digits = ImageDatasets.digits();
        int[] some = java.util.stream.IntStream.range(0, 300).toArray();
        Layer b = new Mlp(Real32.INSTANCE, new Rng(4), 784, 24, 12, 10);
        PermutationSpec spec = PermutationSpec.of(b);
        int[][] hidden = spec.identity();
        Rng rng = new Rng(8);
        for (int g = 0; g < hidden.length; g++) {
            hidden[g] = rng.permutation(hidden[g].length);
        }
        Layer a = new Mlp(Real32.INSTANCE, new Rng(0), 784, 24, 12, 10);
        spec.apply(WeightSet.of(b), hidden).applyTo(a);
        Alignment result = ActivationMatching.align(spec, a, b, digits, some, null);
        assertThat(result.aligned().hash()).isEqualTo(WeightSet.of(b).hash());
    }

    @Test
    void mismatchedArchitecturesAreRefusedInOneLine() {
        Layer a = new Mlp(Real32.INSTANCE, new Rng(6), 20, 16, 5);
        Layer b = new Mlp(Real32.INSTANCE, new Rng(7), 20, 17, 5);
        assertThatThrownBy(() -> WeightMatching.align(PermutationSpec.of(a), WeightSet.of(a), WeightSet.of(b), 0, 1))
                .hasMessageStartingWith("mismatched shapes: fc0.weight is [16, 20]");
        Layer c = new Mlp(Real32.INSTANCE, new Rng(7), 20, 16, 16, 5);
        assertThatThrownBy(() -> WeightSet.of(a).add(WeightSet.of(c)))
                .hasMessageStartingWith("mismatched architectures");
    }
}
