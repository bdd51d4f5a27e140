package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Erf;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class GptTest {
    private static final double TOL = 1e-6;

    @Test
    void tinyCharacterModelHasTheFileLayout() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(42), GptConfig.tinyCharacterModel(27));
        Map<String, Tensor> params = gpt.namedParameters();
        assertThat(params.keySet()).containsExactly("wte", "wpe", "lm_head", "layer0.attn_wq", "layer0.attn_wk",
                "layer0.attn_wv", "layer0.attn_wo", "layer0.mlp_fc1", "layer0.mlp_fc2");
        int[][] shapes = {{27, 16}, {16, 16}, {27, 16}, {16, 16}, {16, 16}, {16, 16}, {16, 16}, {64, 16}, {16, 64}};
        int i = 0;
        for (Tensor p : params.values()) {
            assertThat(p.shape()).containsExactly(shapes[i++]);
        }
        assertThat(gpt.parameterCount()).isEqualTo(4192);
        GptConfig c = gpt.config();
        assertThat(c.attentionScale()).isEqualTo(0.5);
        assertThat(c.headDim()).isEqualTo(4);
    }

    @Test
    void weightsAreDrawnInRegistrationOrderFromTheSeed() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(42), GptConfig.tinyCharacterModel(27));
        Rng rng = new Rng(42);
        rng.nextLong();
        for (Tensor p : gpt.namedParameters().values()) {
            for (double v : p.value().toDoubles()) {
                assertThat(v).isEqualTo(rng.nextGaussian() * 0.08);
            }
        }
        Gpt other = new Gpt(Real64.INSTANCE, new Rng(7), GptConfig.tinyCharacterModel(27));
        double[] counter = {0};
        other.fill(() -> counter[0]++);
        assertThat(other.namedParameters().get("wpe").value().get(0, 0)).isEqualTo(27 * 16);
        assertThat(other.namedParameters().get("layer0.mlp_fc2").value().get(15, 63)).isEqualTo(4191);
    }

    @Test
    void tinyCharacterModelComputesTheReferenceFormula() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(3), GptConfig.tinyCharacterModel(27));
        int[] tokens = {26, 4, 12, 12, 0, 26, 1};
        double[] logits;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            logits = gpt.forward(tokens, 1, tokens.length).value().toDoubles();
        }
        double[][] expected = referenceLogits(gpt.namedParameters(), tokens);
        for (int t = 0; t < tokens.length; t++) {
            for (int v = 0; v < 27; v++) {
                assertThat(logits[t * 27 + v]).as("logit " + t + "," + v).isCloseTo(expected[t][v], Offset.offset(1e-12));
            }
        }
    }

    /** The reference model written position by position with plain doubles. */
    private static double[][] referenceLogits(Map<String, Tensor> p, int[] tokens) {
        int n = tokens.length;
        double[][] wte = matrix(p.get("wte"));
        double[][] wpe = matrix(p.get("wpe"));
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] e = new double[16];
            for (int d = 0; d < 16; d++) {
                e[d] = wte[tokens[t]][d] + wpe[t][d];
            }
            x[t] = rms(e);
        }
        double[][] q = new double[n][];
        double[][] k = new double[n][];
        double[][] v = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] h = rms(x[t]);
            q[t] = apply(p.get("layer0.attn_wq"), h);
            k[t] = apply(p.get("layer0.attn_wk"), h);
            v[t] = apply(p.get("layer0.attn_wv"), h);
        }
        double[][] logits = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] heads = new double[16];
            for (int hh = 0; hh < 4; hh++) {
                double[] s = new double[t + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= t; j++) {
                    for (int d = 0; d < 4; d++) {
                        s[j] += q[t][hh * 4 + d] * k[j][hh * 4 + d];
                    }
                    s[j] /= 2;
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j <= t; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int j = 0; j <= t; j++) {
                    for (int d = 0; d < 4; d++) {
                        heads[hh * 4 + d] += s[j] / z * v[j][hh * 4 + d];
                    }
                }
            }
            double[] xt = add(x[t], apply(p.get("layer0.attn_wo"), heads));
            double[] u = apply(p.get("layer0.mlp_fc1"), rms(xt));
            for (int i = 0; i < u.length; i++) {
                u[i] = 0.5 * u[i] * (1 + Erf.erf(u[i] / Math.sqrt(2)));
            }
            xt = add(xt, apply(p.get("layer0.mlp_fc2"), u));
            logits[t] = apply(p.get("lm_head"), xt);
        }
        return logits;
    }

    private static double[] rms(double[] x) {
        double ms = 0;
        for (double xi : x) {
            ms += xi * xi / x.length;
        }
        double r = Math.pow(ms + 1e-5, -0.5);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * r;
        }
        return out;
    }

    private static double[][] matrix(Tensor t) {
        double[] flat = t.value().toDoubles();
        int rows = t.dim(0);
        int cols = t.dim(1);
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, m[r], 0, cols);
        }
        return m;
    }

    private static double[] apply(Tensor weight, double[] x) {
        double[][] w = matrix(weight);
        double[] y = new double[w.length];
        for (int o = 0; o < w.length; o++) {
            for (int i = 0; i < x.length; i++) {
                y[o] += w[o][i] * x[i];
            }
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += b[i];
        }
        return c;
    }

    private static GptConfig richConfig() {
        return GptConfig.builder(7, 5).layers(2).width(8).heads(2).mlpWidth(12).biases(true)
                .norm(GptConfig.Norm.LAYER).normGain(true).normAfterEmbedding(true).finalNorm(true)
                .attentionScale(0.9).initStd(0.5).build();
    }

    @Test
    void richConfigurationNamesItsNormsAndBiases() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(1), richConfig());
        List<String> names = new ArrayList<>(gpt.namedParameters().keySet());
        assertThat(names.subList(0, 5)).containsExactly("wte", "wpe", "lm_head", "ln_emb.weight", "ln_emb.bias");
        assertThat(names).contains("layer0.ln_1.weight", "layer0.attn_wq_bias", "layer0.mlp_fc2_bias",
                "layer1.ln_2.bias", "ln_f.weight", "ln_f.bias");
        assertThat(gpt.namedParameters().get("layer1.attn_wo_bias").value().toDoubles()).containsOnly(0.0);
        assertThat(gpt.namedParameters().get("ln_f.weight").value().toDoubles()).containsOnly(1.0);
    }

    @Test
    void lossGradientsOfARichTinyGpt() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(2), richConfig());
        // Gains and biases start at 1 and 0; move them so their gradients are generic.
        Rng rng = new Rng(9);
        for (Tensor p : gpt.namedParameters().values()) {
            if (p.rank() == 1) {
                p.value().addInPlace(org.lethe.autograd.GradCheck.random(rng, p.shape()).mul(0.3));
            }
        }
        int[] tokens = {1, 2, 3, 0, 4, 5, 6, 1};
        int[] targets = {2, 3, 0, 4, 5, 6, 1, 2};
        Tensor w = Tensor.constant(NDArray.of(Real64.INSTANCE, new double[] {1, 0.5, 2, 0, 1, 1, 0.3, 1}, 2, 4));
        Map<String, Tensor> p = gpt.namedParameters();
        ParameterGradCheck.check("rich gpt", () -> gpt.loss(tokens, targets, 2, 4, w), TOL,
                List.of(p.get("wte"), p.get("wpe"), p.get("layer0.attn_wq"), p.get("layer1.attn_wv_bias"),
                        p.get("layer0.mlp_fc1"), p.get("layer1.ln_1.weight"), p.get("ln_emb.bias"), p.get("ln_f.weight"),
                        p.get("lm_head")));
    }

    @Test
    void lossGradientsOfTheTinyCharacterModel() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(4), GptConfig.tinyCharacterModel(27));
        int[] doc = {26, 3, 0, 21, 8, 3, 26};
        int[] tokens = java.util.Arrays.copyOfRange(doc, 0, 6);
        int[] targets = java.util.Arrays.copyOfRange(doc, 1, 7);
        Map<String, Tensor> p = gpt.namedParameters();
        ParameterGradCheck.check("tiny gpt", () -> gpt.loss(tokens, targets, 1, 6), TOL,
                List.of(p.get("layer0.attn_wk"), p.get("layer0.mlp_fc2"), p.get("wpe")));
    }

    @Test
    void logitsAtPositionTIgnoreLaterTokens() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(5), richConfig());
        int[] a = {1, 2, 3, 4, 5};
        int[] b = {1, 2, 6, 0, 0};
        double[] la;
        double[] lb;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            la = gpt.forward(a, 1, 5).value().toDoubles();
            lb = gpt.forward(b, 1, 5).value().toDoubles();
        }
        for (int i = 0; i < 5 * 7; i++) {
            if (i < 2 * 7) {
                assertThat(la[i]).as("logit " + i).isEqualTo(lb[i]);
            } else {
                assertThat(Math.abs(la[i] - lb[i])).as("logit " + i).isGreaterThan(0.0);
            }
        }
    }

    @Test
    void weightedLossDividesByAllPositions() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(6), richConfig());
        int[] tokens = {1, 2, 3, 4, 5, 6};
        int[] targets = {2, 3, 4, 5, 6, 0};
        double[] w = {1, 0, 1, 2, 0, 1};
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            double[] perPosition = Functional.crossEntropyPerExample(
                    gpt.forward(tokens, 2, 3).reshape(6, 7), targets).value().toDoubles();
            double expected = 0;
            for (int i = 0; i < 6; i++) {
                expected += w[i] * perPosition[i] / 6;
            }
            Tensor weights = Tensor.constant(NDArray.of(Real64.INSTANCE, w, 2, 3));
            assertThat(gpt.loss(tokens, targets, 2, 3, weights).item()).isCloseTo(expected, Offset.offset(1e-12));
            double plain = 0;
            for (double l : perPosition) {
                plain += l / 6;
            }
            assertThat(gpt.loss(tokens, targets, 2, 3).item()).isCloseTo(plain, Offset.offset(1e-12));
        }
    }

    @Test
    void rejectsBadInputsAndConfigurations() {
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(1), GptConfig.tinyCharacterModel(27));
        assertThatThrownBy(() -> gpt.forward(new int[17], 1, 17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context length 16");
        assertThatThrownBy(() -> gpt.forward(new int[5], 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> gpt.forward(new int[] {27}, 1, 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("27");
        assertThatThrownBy(() -> GptConfig.builder(27, 16).width(10).heads(4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 heads");
    }

    @Test
    void sameSeedSameModel() {
        GptConfig c = richConfig().toBuilder().dropout(0.2).build();
        Gpt a = new Gpt(Real64.INSTANCE, new Rng(8), c);
        Gpt b = new Gpt(Real64.INSTANCE, new Rng(8), c);
        int[] tokens = {1, 2, 3, 4};
        assertThat(a.loss(tokens, tokens, 1, 4).item()).isEqualTo(b.loss(tokens, tokens, 1, 4).item());
        a.train(false);
        b.train(false);
        assertThat(a.loss(tokens, tokens, 1, 4).item()).isEqualTo(b.loss(tokens, tokens, 1, 4).item());
    }
}
