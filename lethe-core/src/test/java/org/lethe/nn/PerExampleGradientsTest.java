package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Autograd;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class PerExampleGradientsTest {
    private static final double F64_TOL = 1e-12;
    private static final double F32_TOL = 2e-5;

    private static NDArray random(Algebra algebra, Rng rng, int... shape) {
        double[] v = new double[org.lethe.tensor.Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return NDArray.of(algebra, v, shape);
    }

    /** Max absolute difference relative to the largest expected magnitude. */
    private static void assertClose(NDArray actual, NDArray expected, double tol, String what) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        double[] a = actual.toDoubles();
        double[] e = expected.toDoubles();
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            diff = Math.max(diff, Math.abs(a[i] - e[i]));
        }
        assertThat(scale).as(what + " is not trivially zero").isGreaterThan(0.0);
        assertThat(diff / scale).as(what + " relative error").isLessThan(tol);
    }

    private static NDArray example(NDArray perExample, int b) {
        int[] shape = perExample.shape();
        return perExample.slice(0, b, b + 1).reshape(java.util.Arrays.copyOfRange(shape, 1, shape.length));
    }

    private static NDArray rowSquares(NDArray perExample) {
        return perExample.mul(perExample).reshape(perExample.dim(0), -1).sum(1, false);
    }

    private static List<Tensor> parametersOf(List<Linear> layers) {
        List<Tensor> out = new ArrayList<>();
        for (Linear l : layers) {
            out.add(l.weight());
            out.add(l.bias());
        }
        return out;
    }

    /**
     * Checks every identity of per-example gradients for a loss over {@code batch} examples:
     * {@code lossKeeping.apply(-1)} is the full loss, {@code lossKeeping.apply(b)} the same loss with only example
     * {@code b}'s term kept, whose gradient (from a separate backward pass) each contribution must equal.
     */
    private static void checkIdentities(List<Linear> layers, IntFunction<Tensor> lossKeeping, int batch, double tol) {
        List<Tensor> params = parametersOf(layers);
        List<List<NDArray>> leaveOthersOut = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            leaveOthersOut.add(Autograd.gradients(lossKeeping.apply(b), params));
        }
        try (PerExampleGradients per = PerExampleGradients.attach(layers)) {
            for (Tensor p : params) {
                p.setGrad(null);
            }
            lossKeeping.apply(-1).backward();
            assertThat(per.batchSize()).isEqualTo(batch);
            NDArray total = NDArray.zeros(layers.get(0).weight().algebra(), batch);
            for (int l = 0; l < layers.size(); l++) {
                Linear layer = layers.get(l);
                NDArray w = per.weightGradients(layer);
                NDArray bias = per.biasGradients(layer);
                assertThat(w.shape()).containsExactly(batch, layer.outFeatures(), layer.inFeatures());
                assertThat(bias.shape()).containsExactly(batch, layer.outFeatures());
                assertClose(w.sum(0, false), layer.weight().grad(), tol, "layer " + l + " weight contributions sum");
                assertClose(bias.sum(0, false), layer.bias().grad(), tol, "layer " + l + " bias contributions sum");
                for (int b = 0; b < batch; b++) {
                    assertClose(example(w, b), leaveOthersOut.get(b).get(2 * l), tol, "layer " + l + " weight, example " + b);
                    assertClose(example(bias, b), leaveOthersOut.get(b).get(2 * l + 1), tol, "layer " + l + " bias, example " + b);
                }
                assertClose(per.squaredWeightNorms(layer), rowSquares(w), tol, "layer " + l + " weight norms");
                assertClose(per.squaredBiasNorms(layer), rowSquares(bias), tol, "layer " + l + " bias norms");
                NDArray layerNorms = rowSquares(w).add(rowSquares(bias));
                assertClose(per.squaredNorms(layer), layerNorms, tol, "layer " + l + " norms");
                total = total.add(layerNorms);
            }
            assertClose(per.squaredNorms(), total, tol, "total norms");
        }
    }

    private static void mlpOnVectors(Algebra algebra, double tol) {
        Rng rng = new Rng(7);
        int batch = 6;
        Mlp model = new Mlp(algebra, rng, new int[] {5, 4, 3}, Activation.TANH, 0.0);
        Tensor x = Tensor.constant(random(algebra, rng, batch, 5));
        int[] y = {0, 2, 1, 1, 0, 2};
        checkIdentities(model.layers(), keep -> {
            if (keep < 0) {
                return Functional.crossEntropy(model.forward(x), y);
            }
            double[] only = new double[batch];
            only[keep] = 1.0;
            return Functional.crossEntropy(model.forward(x), y, Tensor.constant(NDArray.of(algebra, only, batch)));
        }, batch, tol);
    }

    @Test
    void mlpContributionsSumToTheBatchGradientAndIsolateEachExampleF64() {
        mlpOnVectors(Real64.INSTANCE, F64_TOL);
    }

    @Test
    void mlpContributionsSumToTheBatchGradientAndIsolateEachExampleF32() {
        mlpOnVectors(Real32.INSTANCE, F32_TOL);
    }

    @Test
    void meanLossContributionTimesBatchIsTheExamplesOwnGradient() {
        Rng rng = new Rng(11);
        int batch = 4;
        Mlp model = new Mlp(Real64.INSTANCE, rng, new int[] {3, 5, 2}, Activation.GELU, 0.0);
        NDArray x = random(Real64.INSTANCE, rng, batch, 3);
        int[] y = {1, 0, 0, 1};
        List<Linear> layers = model.layers();
        try (PerExampleGradients per = PerExampleGradients.attach(model)) {
            assertThat(per.layers()).containsExactlyElementsOf(layers);
            Functional.crossEntropy(model.forward(Tensor.constant(x)), y).backward();
            NDArray w0 = per.weightGradients(layers.get(0));
            NDArray b1 = per.biasGradients(layers.get(1));
            per.close();
            for (int b = 0; b < batch; b++) {
                Tensor own = Functional.crossEntropy(model.forward(Tensor.constant(x.slice(0, b, b + 1))), new int[] {y[b]});
                List<NDArray> g = Autograd.gradients(own, List.of(layers.get(0).weight(), layers.get(1).bias()));
                assertClose(example(w0, b).mul((double) batch), g.get(0), F64_TOL, "own weight gradient " + b);
                assertClose(example(b1, b).mul((double) batch), g.get(1), F64_TOL, "own bias gradient " + b);
            }
        }
    }

    /**
     * Two linear layers over {@code [B, T, features]}: with T = 3, the first (3 -> 4, 12 weights >= 9 = T^2)
     * takes the Gram-matrix norm path and the second (4 -> 2, 8 weights < 9) the materialising one.
     */
    private static void sequences(Algebra algebra, double tol) {
        Rng rng = new Rng(3);
        int batch = 5;
        int positions = 3;
        Linear first = new Linear(algebra, rng, 3, 4, true);
        Linear second = new Linear(algebra, rng, 4, 2, true);
        Tensor x = Tensor.constant(random(algebra, rng, batch, positions, 3));
        NDArray probe = random(algebra, rng, batch, positions, 2);
        checkIdentities(List.of(first, second), keep -> {
            Tensor out = second.forward(first.forward(x).tanh()).tanh();
            return out.mul(Tensor.constant(keep < 0 ? probe : keepOnly(probe, keep))).sum();
        }, batch, tol);
    }

    /** {@code probe} with every example but {@code keep} zeroed. */
    private static NDArray keepOnly(NDArray probe, int keep) {
        int[] maskShape = probe.shape();
        for (int i = 1; i < maskShape.length; i++) {
            maskShape[i] = 1;
        }
        double[] mask = new double[probe.dim(0)];
        mask[keep] = 1.0;
        return probe.mul(NDArray.of(probe.algebra(), mask, maskShape));
    }

    @Test
    void sequenceInputsSumOverPositionsF64() {
        sequences(Real64.INSTANCE, F64_TOL);
    }

    @Test
    void sequenceInputsSumOverPositionsF32() {
        sequences(Real32.INSTANCE, F32_TOL);
    }

    @Test
    void aLayerUsedTwiceSumsBothUses() {
        Rng rng = new Rng(5);
        int batch = 4;
        Linear shared = new Linear(Real64.INSTANCE, rng, 4, 4, true);
        Tensor x = Tensor.constant(random(Real64.INSTANCE, rng, batch, 4));
        NDArray probe = random(Real64.INSTANCE, rng, batch, 4);
        checkIdentities(List.of(shared), keep -> {
            Tensor out = shared.forward(shared.forward(x).tanh());
            return out.mul(Tensor.constant(keep < 0 ? probe : keepOnly(probe, keep))).sum();
        }, batch, F64_TOL);
    }

    @Test
    void frozenParametersAreLeftOutOfTheNorms() {
        Rng rng = new Rng(2);
        Linear layer = new Linear(Real64.INSTANCE, rng, 3, 2, true);
        layer.bias().setRequiresGrad(false);
        Tensor x = Tensor.parameter(random(Real64.INSTANCE, rng, 4, 3));
        try (PerExampleGradients per = PerExampleGradients.attach(List.of(layer))) {
            layer.forward(x).tanh().sum().backward();
            assertClose(per.squaredNorms(layer), per.squaredWeightNorms(layer), F64_TOL, "norms without the bias");
            assertThat(per.biasGradients(layer).shape()).containsExactly(4, 2);
        }
    }

    @Test
    void closingDetachesAndClearForgets() {
        Rng rng = new Rng(4);
        Linear layer = new Linear(Real64.INSTANCE, rng, 3, 2, false);
        Tensor x = Tensor.constant(random(Real64.INSTANCE, rng, 4, 3));
        PerExampleGradients per = PerExampleGradients.attach(List.of(layer));
        layer.forward(x).sum().backward();
        assertThat(per.batchSize()).isEqualTo(4);
        assertThatThrownBy(() -> per.biasGradients(layer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bias");
        per.clear();
        assertThatThrownBy(per::batchSize).isInstanceOf(IllegalStateException.class);
        per.close();
        layer.forward(x).sum().backward();
        assertThatThrownBy(() -> per.weightGradients(layer)).isInstanceOf(IllegalStateException.class);
        assertThat(layer.hooks()).isEmpty();
    }

    @Test
    void rejectsLayersThatAreNotLinear() {
        HookedLayer other = new HookedLayer() {
            @Override
            public Tensor forward(Tensor input) {
                return observed(input, input.tanh());
            }
        };
        assertThatThrownBy(() -> PerExampleGradients.attach(List.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Linear");
        Linear layer = new Linear(Real64.INSTANCE, new Rng(1), 2, 2, true);
        assertThatThrownBy(() -> PerExampleGradients.attach(List.of(layer, layer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void changingTheBatchSizeWithoutClearIsAnError() {
        Rng rng = new Rng(6);
        Linear layer = new Linear(Real64.INSTANCE, rng, 3, 2, true);
        try (PerExampleGradients per = PerExampleGradients.attach(List.of(layer))) {
            layer.forward(Tensor.constant(random(Real64.INSTANCE, rng, 4, 3))).sum().backward();
            Tensor smaller = layer.forward(Tensor.constant(random(Real64.INSTANCE, rng, 2, 3))).sum();
            assertThatThrownBy(smaller::backward).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batch size changed");
        }
    }
}
