package org.lethe.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.autograd.GradCheck.random;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class NormalizationAttentionTest {
    private static final double TOL = 1e-6;
    private final Rng rng = new Rng(11);

    @Test
    void rmsNormMatchesItsDefinition() {
        NDArray x = random(rng, 2, 3, 5);
        NDArray gain = random(rng, 5);
        double eps = 1e-5;
        double[] y = Normalization.rmsNorm(Tensor.constant(x), Tensor.constant(gain), eps).value().toDoubles();
        double[] xs = x.toDoubles();
        double[] gs = gain.toDoubles();
        for (int row = 0; row < 6; row++) {
            double ms = 0;
            for (int j = 0; j < 5; j++) {
                ms += xs[row * 5 + j] * xs[row * 5 + j];
            }
            double r = 1.0 / Math.sqrt(ms / 5 + eps);
            for (int j = 0; j < 5; j++) {
                assertThat(y[row * 5 + j]).isCloseTo(xs[row * 5 + j] * r * gs[j], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void layerNormMatchesItsDefinitionWithBiasedVariance() {
        NDArray x = random(rng, 4, 6);
        NDArray gain = random(rng, 6);
        NDArray bias = random(rng, 6);
        double eps = 1e-5;
        double[] y = Normalization.layerNorm(Tensor.constant(x), Tensor.constant(gain), Tensor.constant(bias), eps)
                .value().toDoubles();
        double[] xs = x.toDoubles();
        for (int row = 0; row < 4; row++) {
            double mean = 0;
            for (int j = 0; j < 6; j++) {
                mean += xs[row * 6 + j] / 6;
            }
            double var = 0;
            for (int j = 0; j < 6; j++) {
                var += (xs[row * 6 + j] - mean) * (xs[row * 6 + j] - mean) / 6;
            }
            for (int j = 0; j < 6; j++) {
                double expected = (xs[row * 6 + j] - mean) / Math.sqrt(var + eps) * gain.get(j) + bias.get(j);
                assertThat(y[row * 6 + j]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void rmsNormGradients() {
        GradCheck.check("rmsNorm", a -> Normalization.rmsNorm(a.get(0), null, 1e-5), TOL, random(rng, 2, 3, 5));
        GradCheck.check("rmsNorm gain", a -> Normalization.rmsNorm(a.get(0), a.get(1), 1e-5), TOL,
                random(rng, 2, 3, 5), random(rng, 5));
        GradCheck.check("rmsNorm 1-d", a -> Normalization.rmsNorm(a.get(0), a.get(1), 0.1), TOL,
                random(rng, 4), random(rng, 4));
    }

    @Test
    void layerNormGradients() {
        GradCheck.check("layerNorm", a -> Normalization.layerNorm(a.get(0), a.get(1), a.get(2), 1e-5), TOL,
                random(rng, 2, 3, 5), random(rng, 5), random(rng, 5));
        GradCheck.check("layerNorm bare", a -> Normalization.layerNorm(a.get(0), null, null, 1e-5), TOL,
                random(rng, 3, 4));
        GradCheck.check("layerNorm gain only", a -> Normalization.layerNorm(a.get(0), a.get(1), null, 1e-5), TOL,
                random(rng, 3, 4), random(rng, 4));
        GradCheck.check("layerNorm bias only", a -> Normalization.layerNorm(a.get(0), null, a.get(1), 1e-5), TOL,
                random(rng, 3, 4), random(rng, 4));
    }

    @Test
    void normsRejectMismatchedGain() {
        Tensor x = Tensor.constant(random(rng, 3, 4));
        assertThatThrownBy(() -> Normalization.rmsNorm(x, Tensor.constant(random(rng, 3)), 1e-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
        assertThatThrownBy(() -> Normalization.layerNorm(x, null, Tensor.constant(random(rng, 5)), 1e-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5]");
    }

    @Test
    void causalSoftmaxGradients() {
        GradCheck.check("causal softmax", a -> Attention.causalSoftmax(a.get(0), 0.7), TOL, random(rng, 3, 4, 4));
        GradCheck.check("causal softmax negative scale", a -> Attention.causalSoftmax(a.get(0).mul(3.0), -1.3), TOL,
                random(rng, 2, 3, 3));
    }

    @Test
    void causalSoftmaxHidesLaterKeysExactlyAndNormalisesRows() {
        // Huge later scores must neither leak probability nor overflow the shift.
        NDArray s = NDArray.of(Real64.INSTANCE, new double[] {
            -900, 1e300, 5e299,
            -901, -899, 1e308,
            2, 1, 0}, 1, 3, 3);
        double[] p = Attention.causalSoftmax(Tensor.constant(s), 1.0).value().toDoubles();
        assertThat(p[0]).isEqualTo(1.0);
        assertThat(p[1]).isEqualTo(0.0);
        assertThat(p[2]).isEqualTo(0.0);
        assertThat(p[3]).isCloseTo(1 / (1 + Math.exp(2)), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(p[5]).isEqualTo(0.0);
        assertThat(p[6] + p[7] + p[8]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(p[6]).isGreaterThan(p[7]).isGreaterThan(p[8]).isGreaterThan(0.0);
    }

    @Test
    void headsSplitAndMergeAreInverse() {
        NDArray x = random(rng, 2, 3, 4);
        Tensor split = Attention.splitHeads(Tensor.constant(x), 2);
        assertThat(split.shape()).containsExactly(4, 3, 2);
        // Batch 1, head 1, time 2, element 0 is x[1, 2, 2].
        assertThat(split.value().get(3, 2, 0)).isEqualTo(x.get(1, 2, 2));
        assertThat(Attention.mergeHeads(split, 2).value().toDoubles()).containsExactly(x.toDoubles());
        GradCheck.check("split heads", a -> Attention.splitHeads(a.get(0), 2), TOL, random(rng, 2, 3, 4));
        GradCheck.check("merge heads", a -> Attention.mergeHeads(a.get(0), 2), TOL, random(rng, 4, 3, 2));
    }
}
