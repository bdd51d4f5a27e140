package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Layer;
import org.lethe.nn.Mlp;
import org.lethe.nn.SmallCnn;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class FeatureExtractorTest {

    private static Tensor randomInput(int n, int width, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[n * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Tensor.constant(NDArray.of(Real64.INSTANCE, v, n, width));
    }

    @Test
    void mlpFeaturesAreTheActivationsFeedingTheOutputLayer() {
        Mlp mlp = new Mlp(Real64.INSTANCE, new Rng(1), 12, 8, 6, 3);
        Tensor x = randomInput(5, 12, 2);
        NDArray expected;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            expected = mlp.layers().get(1).forward(mlp.layers().get(0).forward(x).relu()).relu().value();
        }
        FeatureExtractor extractor = new FeatureExtractor(mlp);
        assertThat(extractor.head()).isSameAs(mlp.layers().get(2));
        assertThat(extractor.width()).isEqualTo(6);
        assertThat(extractor.features(x).toDoubles()).isEqualTo(expected.toDoubles());
        assertThat(mlp.isTraining()).as("training mode restored").isTrue();
    }

    @Test
    void cnnFeaturesAreTheInputOfItsLastFullyConnectedLayer() {
        SmallCnn cnn = new SmallCnn(Real64.INSTANCE, new Rng(3), 16, 2, 3, 7, 4);
        FeatureExtractor extractor = new FeatureExtractor(cnn);
        assertThat(extractor.head()).isSameAs(cnn.fc1());
        NDArray f = extractor.features(randomInput(2, 256, 4));
        assertThat(f.shape()).containsExactly(2, 7);
        for (double v : f.toDoubles()) {
            assertThat(v).as("after ReLU").isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void aModelWithoutALinearLayerIsRejected() {
        Layer identity = new Layer() {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        assertThatThrownBy(() -> new FeatureExtractor(identity))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Linear layer");
    }
}
