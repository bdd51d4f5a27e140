package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lethe.autograd.GradCheck;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class TransformerLayersTest {

    @Test
    void embeddingLooksUpRowsInTheGivenShape() {
        Embedding e = new Embedding(Real64.INSTANCE, new Rng(1), 5, 3);
        assertThat(e.namedParameters().keySet()).containsExactly("weight");
        Tensor out = e.forward(new int[] {4, 0, 4, 2}, 2, 2);
        assertThat(out.shape()).containsExactly(2, 2, 3);
        assertThat(out.value().get(1, 0, 2)).isEqualTo(e.weight().value().get(4, 2));
        assertThat(e.forward(new int[] {1, 3}).shape()).containsExactly(2, 3);
    }

    @Test
    void normLayersRegisterOnlyWhatTheyUse() {
        assertThat(new RmsNorm(Real64.INSTANCE, 4, 1e-5, false).namedParameters()).isEmpty();
        assertThat(new RmsNorm(Real64.INSTANCE, 4, 1e-5, true).namedParameters().keySet()).containsExactly("weight");
        assertThat(new LayerNorm(Real64.INSTANCE, 4, 1e-5, true, true).namedParameters().keySet())
                .containsExactly("weight", "bias");
        LayerNorm ln = new LayerNorm(Real64.INSTANCE, 4, 1e-5, false, false);
        double[] y = ln.forward(Tensor.constant(GradCheck.random(new Rng(2), 3, 4))).value().toDoubles();
        double mean = (y[0] + y[1] + y[2] + y[3]) / 4;
        assertThat(Math.abs(mean)).isLessThan(1e-12);
        assertThatThrownBy(() -> ln.forward(Tensor.constant(GradCheck.random(new Rng(2), 3, 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 5]");
    }

    @Test
    void dropoutActsOnlyWhileTraining() {
        Dropout d = new Dropout(0.5, new Rng(3));
        Tensor x = Tensor.constant(NDArray.full(Real64.INSTANCE, 1.0, 200));
        double[] y = d.forward(x).value().toDoubles();
        int zeros = 0;
        for (double v : y) {
            assertThat(v).isIn(0.0, 2.0);
            zeros += v == 0.0 ? 1 : 0;
        }
        assertThat(zeros).isBetween(60, 140);
        d.train(false);
        assertThat(d.forward(x)).isSameAs(x);
        assertThatThrownBy(() -> new Dropout(1.0, new Rng(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inlineChildrenShareTheParentNamespaceAndMustNotCollide() {
        Module clash = new Module() {
            {
                addInlineChild("a", new Linear(Real64.INSTANCE, new Rng(1), 2, 2, false, "w", "b"));
                addInlineChild("b", new Linear(Real64.INSTANCE, new Rng(1), 2, 2, false, "w", "b"));
            }
        };
        assertThatThrownBy(clash::namedParameters).isInstanceOf(IllegalStateException.class).hasMessageContaining("w");
        Module nested = new Module() {
            {
                addChild("layer0", new FeedForward(Real64.INSTANCE, new Rng(1), 2, 3, Activation.GELU, true));
            }
        };
        assertThat(nested.namedParameters().keySet()).containsExactly(
                "layer0.mlp_fc1", "layer0.mlp_fc1_bias", "layer0.mlp_fc2", "layer0.mlp_fc2_bias");
    }
}
