package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.data.ImageSet;
import org.lethe.optim.Sgd;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

class SmallCnnTest {

    @Test
    void shapesAndParameterNames() {
        SmallCnn model = new SmallCnn(Real32.INSTANCE, new Rng(1));
        assertThat(model.namedParameters().keySet()).containsExactly("conv0.weight", "conv0.bias", "conv1.weight",
                "conv1.bias", "fc0.weight", "fc0.bias", "fc1.weight", "fc1.bias");
        assertThat(model.namedParameters().get("conv1.weight").shape()).containsExactly(64, 32, 5, 5);
        assertThat(model.namedParameters().get("fc0.weight").shape()).containsExactly(128, 64 * 4 * 4);
        assertThat(model.parameterCount()).isEqualTo(32 * 25 + 32 + 64 * 32 * 25 + 64 + 1024 * 128 + 128 + 128 * 10 + 10);
        Rng rng = new Rng(2);
        float[] pixels = new float[3 * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        Tensor flat = model.forward(Tensor.constant(NDArray.wrap(pixels, 3, 784)));
        Tensor images = model.forward(Tensor.constant(NDArray.wrap(pixels, 3, 1, 28, 28)));
        assertThat(flat.shape()).containsExactly(3, 10);
        assertThat(images.value().toDoubles()).containsExactly(flat.value().toDoubles());
        assertThatThrownBy(() -> model.forward(Tensor.constant(NDArray.wrap(new float[3 * 700], 3, 700))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SmallCnn needs");
    }

    @Test
    void configurableWidthsAndImageSide() {
        SmallCnn model = new SmallCnn(Real32.INSTANCE, new Rng(1), 20, 4, 6, 16, 3);
        // 20 -> conv 16 -> pool 8 -> conv 4 -> pool 2.
        assertThat(model.fc0().inFeatures()).isEqualTo(6 * 2 * 2);
        Tensor out = model.forward(Tensor.constant(NDArray.zeros(Real32.INSTANCE, 2, 1, 20, 20)));
        assertThat(out.shape()).containsExactly(2, 3);
    }

    @Test
    void sameSeedGivesBitIdenticalTraining() throws Exception {
        assertThat(trainFewSteps(5)).containsExactly(trainFewSteps(5));
    }

    @Test
    void cnnLearnsBundledDigitsAbove90PercentInOneEpoch() throws Exception {
        ImageSet all = ImageSet.bundledDigits();
        ImageSet train = all.range(0, 8000);
        ImageSet test = all.range(8000, 10000);
        Rng rng = new Rng(1);
        SmallCnn model = new SmallCnn(Real32.INSTANCE, rng);
        Sgd opt = new Sgd(model.trainableParameters(), 0.05, 0.9);
        int batch = 64;
        int[] order = rng.permutation(train.size());
        for (int s = 0; s + batch <= train.size(); s += batch) {
            step(model, opt, train, order, s, batch);
        }
        assertThat(MlpDigitsTest.accuracy(model, test)).isGreaterThan(0.90);
    }

    private static double[] trainFewSteps(int steps) throws Exception {
        ImageSet train = ImageSet.bundledDigits().range(0, 32 * steps);
        Rng rng = new Rng(4);
        SmallCnn model = new SmallCnn(Real32.INSTANCE, rng, 28, 8, 16, 32, 10);
        Sgd opt = new Sgd(model.trainableParameters(), 0.05, 0.9);
        int[] order = rng.permutation(train.size());
        for (int s = 0; s < train.size(); s += 32) {
            step(model, opt, train, order, s, 32);
        }
        return model.namedParameters().get("conv0.weight").value().toDoubles();
    }

    private static void step(SmallCnn model, Sgd opt, ImageSet set, int[] order, int from, int batch) {
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = set.labels[order[from + i]];
        }
        Tensor x = Tensor.constant(NDArray.wrap(MlpDigitsTest.rows(set, order, from, batch), batch, 1, 28, 28));
        Tensor loss = Functional.crossEntropy(model.forward(x), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
    }
}
