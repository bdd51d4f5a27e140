package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Autograd;
import org.lethe.autograd.Convolution;
import org.lethe.autograd.Functional;
import org.lethe.autograd.GradCheck;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class ConvPerExampleGradientsTest {
    private static final int N = 4;
    private static final int CLASSES = 3;

    /** Conv (stride 2, padding 1) -> ReLU -> pool -> linear: the conv layer's gradient depends on later layers. */
    private static final class Net extends Layer {
        final Conv2d conv;
        final Linear head;

        Net(Rng rng) {
            conv = addChild("conv", new Conv2d(Real64.INSTANCE, rng, 2, 3, 3, 2, 2, 1, true));
            head = addChild("head", new Linear(Real64.INSTANCE, rng, 3 * 2 * 2, CLASSES, true));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = Convolution.maxPool2d(conv.forward(x).relu(), 2);
            return head.forward(h.reshape(h.dim(0), -1));
        }
    }

    @Test
    void perExampleGradientsSumToTheBatchGradientAndMatchEachExamplesOwnLoss() {
        Rng rng = new Rng(5);
        Net net = new Net(rng);
        NDArray x = GradCheck.random(rng, N, 2, 8, 9);
        int[] y = {0, 2, 1, 2};
        ConvPerExampleGradients.Recorder recorder = new ConvPerExampleGradients.Recorder();
        net.conv.addHook(recorder);
        Functional.crossEntropy(net.forward(Tensor.constant(x)), y).backward();
        net.conv.removeHook(recorder);
        NDArray perWeight = recorder.weight();
        NDArray perBias = recorder.bias();
        int patch = 2 * 3 * 2;
        assertThat(perWeight.shape()).containsExactly(N, 3, patch);
        assertThat(perBias.shape()).containsExactly(N, 3);

        assertClose(perWeight.sum(0, false).toDoubles(), net.conv.weight().grad().toDoubles());
        assertClose(perBias.sum(0, false).toDoubles(), net.conv.bias().grad().toDoubles());

        for (int n = 0; n < N; n++) {
            // The batch loss is the mean, so example n contributes loss_n / N.
            Tensor xn = Tensor.constant(x.slice(0, n, n + 1));
            Tensor lossN = Functional.crossEntropy(net.forward(xn), new int[] {y[n]}).mul(1.0 / N);
            List<NDArray> own = Autograd.gradients(lossN, List.of(net.conv.weight(), net.conv.bias()));
            assertClose(perWeight.slice(0, n, n + 1).toDoubles(), own.get(0).toDoubles());
            assertClose(perBias.slice(0, n, n + 1).toDoubles(), own.get(1).toDoubles());
        }
    }

    @Test
    void recorderRejectsLayersThatAreNotConvolutions() {
        ConvPerExampleGradients.Recorder recorder = new ConvPerExampleGradients.Recorder();
        Linear linear = new Linear(Real64.INSTANCE, new Rng(1), 2, 2, true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> recorder.onBackward(linear,
                        NDArray.zeros(Real64.INSTANCE, 1, 2), NDArray.zeros(Real64.INSTANCE, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Conv2d");
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(scale).as("gradient must not vanish for the comparison to mean anything").isGreaterThan(1e-6);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("element " + i).isLessThan(1e-12 * scale);
        }
    }
}
