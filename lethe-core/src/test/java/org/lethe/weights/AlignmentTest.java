package org.lethe.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
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
        int[][] perms = randomPermutations(spec, rng);
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
        int[][] hidden = randomPermutations(spec, new Rng(5));
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
        int[][] hidden = randomPermutations(spec, new Rng(8));
        Layer a = new Mlp(Real32.INSTANCE, new Rng(0), 784, 24, 12, 10);
        spec.apply(WeightSet.of(b), hidden).applyTo(a);
        Alignment result = ActivationMatching.align(spec, a, b, digits, some, null);
        assertThat(result.aligned().hash()).isEqualTo(WeightSet.of(b).hash());
    }

    @Test
    void activationMatchingRecoversAChannelPermutedCnnAndKeepsItsFunction() throws Exception {
        Dataset digits = ImageDatasets.digits();
        int[] some = java.util.stream.IntStream.range(0, 200).toArray();
        SmallCnn b = new SmallCnn(Real64.INSTANCE, new Rng(4), 28, 4, 6, 10, 10);
        // A unit that is zero on every example matches every other such unit equally well, so no method could
        // recover its place: lift every hidden bias until each unit of B varies over the examples.
        Map<String, NDArray> lifted = new java.util.LinkedHashMap<>(WeightSet.of(b).values());
        for (String bias : List.of("conv0.bias", "conv1.bias", "fc0.bias")) {
            lifted.put(bias, lifted.get(bias).add(0.5));
        }
        WeightSet.of(lifted).applyTo(b);
        PermutationSpec spec = PermutationSpec.of(b);
        int[][] hidden = randomPermutations(spec, new Rng(8));
        for (int g = 0; g < hidden.length; g++) {
            assertThat(hidden[g]).isNotEqualTo(spec.identity()[g]);
        }
        SmallCnn a = new SmallCnn(Real64.INSTANCE, new Rng(0), 28, 4, 6, 10, 10);
        spec.apply(WeightSet.of(b), hidden).applyTo(a);
        double[] before = outputs(a, digits, some);

        Alignment result = ActivationMatching.align(spec, a, b, digits, some, new int[] {0, 1, 28, 28});

        // a's unit i is b's unit hidden[i]; the alignment puts it back: aligned unit k is a's unit perms[k].
        for (int g = 0; g < hidden.length; g++) {
            for (int k = 0; k < hidden[g].length; k++) {
                assertThat(hidden[g][result.permutations()[g][k]]).as("group %d unit %d", g, k).isEqualTo(k);
            }
        }
        assertThat(result.aligned().hash()).isEqualTo(WeightSet.of(b).hash());
        SmallCnn aligned = new SmallCnn(Real64.INSTANCE, new Rng(1), 28, 4, 6, 10, 10);
        result.aligned().applyTo(aligned);
        double[] after = outputs(aligned, digits, some);
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).isCloseTo(before[i], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static double[] outputs(Layer model, Dataset data, int[] indices) {
        org.lethe.train.ClassificationTask task = new org.lethe.train.ClassificationTask(data, new int[] {0, 1, 28, 28},
                Real64.INSTANCE);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.forward(task.inputs(indices)).value().toDoubles();
        }
    }

    @Test
    void weightMatchingUndoesAChannelPermutationOfACnn() {
        SmallCnn b = new SmallCnn(Real32.INSTANCE, new Rng(3), 16, 5, 7, 9, 4);
        PermutationSpec spec = PermutationSpec.of(b);
        int[][] hidden = randomPermutations(spec, new Rng(12));
        WeightSet a = spec.apply(WeightSet.of(b), hidden);
        for (WeightMatching.Solver solver : WeightMatching.Solver.values()) {
            Alignment result = WeightMatching.align(spec, a, WeightSet.of(b), 0, 2, solver);
            assertThat(result.aligned().hash()).as(solver.name()).isEqualTo(WeightSet.of(b).hash());
        }
    }

    @Test
    void fastAndReferenceWeightMatchingReachTheSameOptimum() {
        Layer[][] pairs = {
            {new Mlp(Real32.INSTANCE, new Rng(21), 30, 40, 40, 40, 6), new Mlp(Real32.INSTANCE, new Rng(22), 30, 40, 40, 40, 6)},
            {new SmallCnn(Real32.INSTANCE, new Rng(23), 16, 6, 8, 12, 4), new SmallCnn(Real32.INSTANCE, new Rng(24), 16, 6, 8, 12, 4)},
        };
        for (Layer[] pair : pairs) {
            PermutationSpec spec = PermutationSpec.of(pair[0]);
            WeightSet a = WeightSet.of(pair[0]);
            WeightSet b = WeightSet.of(pair[1]);
            Alignment fast = WeightMatching.align(spec, a, b, 1, 5, WeightMatching.Solver.FAST);
            Alignment reference = WeightMatching.align(spec, a, b, 1, 5, WeightMatching.Solver.REFERENCE);
            // Both descend through the same exact steps; only the rounding of the score products differs.
            assertThat(fast.permutations()).isEqualTo(reference.permutations());
            assertThat(fast.objective()).isCloseTo(reference.objective(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(fast.sweeps()).isEqualTo(reference.sweeps());
            assertThat(fast.objective()).isGreaterThan(b.dot(a));
        }
    }

    // An independent random permutation of every group's units.
    private static int[][] randomPermutations(PermutationSpec spec, Rng rng) {
        int[][] perms = spec.identity();
        for (int g = 0; g < perms.length; g++) {
            perms[g] = rng.permutation(perms[g].length);
        }
        return perms;
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
