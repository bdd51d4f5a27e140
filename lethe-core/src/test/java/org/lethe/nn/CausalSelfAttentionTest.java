package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Autograd;
import org.lethe.autograd.GradCheck;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class CausalSelfAttentionTest {
    private static final double TOL = 1e-6;
    private static final int B = 2;
    private static final int T = 3;
    private static final int D = 4;
    private static final int H = 2;

    private static CausalSelfAttention attention(boolean bias) {
        return new CausalSelfAttention(Real64.INSTANCE, new Rng(5), D, H, bias);
    }

    @Test
    void parametersAreNamedLikeTheFileLayout() {
        assertThat(attention(true).namedParameters().keySet()).containsExactly(
                "attn_wq", "attn_wq_bias", "attn_wk", "attn_wk_bias", "attn_wv", "attn_wv_bias", "attn_wo", "attn_wo_bias");
        assertThat(attention(false).namedParameters().keySet()).containsExactly("attn_wq", "attn_wk", "attn_wv", "attn_wo");
        assertThat(attention(false).scale()).isEqualTo(1 / Math.sqrt(2));
    }

    @Test
    void gradientWithRespectToInput() {
        CausalSelfAttention attn = attention(true);
        attn.freeze();
        GradCheck.check("attention input", a -> attn.forward(a.get(0)), TOL, GradCheck.random(new Rng(1), B, T, D));
    }

    @Test
    void gradientWithRespectToEveryParameter() {
        CausalSelfAttention attn = new CausalSelfAttention(Real64.INSTANCE, new Rng(6), D, H, true, 0.8);
        Tensor x = Tensor.constant(GradCheck.random(new Rng(2), B, T, D));
        Tensor probe = Tensor.constant(GradCheck.random(new Rng(3), B, T, D));
        java.util.Map<String, Tensor> params = new java.util.LinkedHashMap<>(attn.namedParameters());
        // q.(k_j + b) = q.k_j + q.b shifts every score of a query equally, which softmax ignores.
        Tensor keyBias = params.remove("attn_wk_bias");
        NDArray keyBiasGrad = Autograd.gradients(attn.forward(x).mul(probe).sum(), List.of(keyBias)).get(0);
        for (double g : keyBiasGrad.toDoubles()) {
            assertThat(Math.abs(g)).as("key bias gradient").isLessThan(1e-12);
        }
        ParameterGradCheck.check("attention parameters", () -> attn.forward(x).mul(probe).sum(), TOL,
                List.copyOf(params.values()));
    }

    @Test
    void outputAtPositionTDependsOnlyOnPositionsUpToT() {
        CausalSelfAttention attn = attention(true);
        NDArray x = GradCheck.random(new Rng(4), B, T, D);
        double[] base = run(attn, x);
        for (int s = 0; s < T; s++) {
            double[] changed = run(attn, perturbPosition(x, s));
            for (int t = 0; t < T; t++) {
                double diff = maxAbsDiff(base, changed, t);
                if (t < s) {
                    assertThat(diff).as("output " + t + " after changing later input " + s).isEqualTo(0.0);
                } else {
                    assertThat(diff).as("output " + t + " after changing input " + s).isGreaterThan(1e-6);
                }
            }
        }
    }

    @Test
    void jacobianOfEarlierOutputsWithRespectToLaterInputsIsZero() {
        CausalSelfAttention attn = attention(false);
        Tensor x = Tensor.parameter(GradCheck.random(new Rng(8), 1, T, D));
        Tensor out = attn.forward(x);
        for (int t = 0; t < T; t++) {
            NDArray g = Autograd.gradients(out.slice(1, t, t + 1).sum(), List.of(x)).get(0);
            for (int s = 0; s < T; s++) {
                double norm = 0;
                for (int d = 0; d < D; d++) {
                    norm += Math.abs(g.get(0, s, d));
                }
                if (s > t) {
                    assertThat(norm).as("d out[" + t + "] / d x[" + s + "]").isEqualTo(0.0);
                } else {
                    assertThat(norm).as("d out[" + t + "] / d x[" + s + "]").isGreaterThan(0.0);
                }
            }
        }
    }

    @Test
    void rejectsWrongShapes() {
        assertThatThrownBy(() -> new CausalSelfAttention(Real64.INSTANCE, new Rng(1), 6, 4, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 heads");
        assertThatThrownBy(() -> attention(false).forward(Tensor.constant(GradCheck.random(new Rng(1), B, T, 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 5]");
    }

    private static double[] run(CausalSelfAttention attn, NDArray x) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return attn.forward(Tensor.constant(x)).value().toDoubles();
        }
    }

    private static NDArray perturbPosition(NDArray x, int s) {
        double[] v = x.toDoubles();
        for (int b = 0; b < B; b++) {
            for (int d = 0; d < D; d++) {
                v[(b * T + s) * D + d] += 0.5 + 0.1 * d;
            }
        }
        return NDArray.of(Real64.INSTANCE, v, B, T, D);
    }

    private static double maxAbsDiff(double[] a, double[] b, int t) {
        double m = 0;
        for (int bb = 0; bb < B; bb++) {
            for (int d = 0; d < D; d++) {
                int i = (bb * T + t) * D + d;
                m = Math.max(m, Math.abs(a[i] - b[i]));
            }
        }
        return m;
    }
}
