package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.ImageSet;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.optim.Sgd;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

class MlpDigitsTest {

    static float[] rows(ImageSet set, int[] order, int from, int count) {
        int f = set.features();
        float[] out = new float[count * f];
        for (int i = 0; i < count; i++) {
            System.arraycopy(set.pixels, order[from + i] * f, out, i * f, f);
        }
        return out;
    }

    static double accuracy(Layer model, ImageSet test) {
        model.train(false);
        int correct = 0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int s = 0; s < test.size(); s += 500) {
                int n = Math.min(500, test.size() - s);
                float[] x = java.util.Arrays.copyOfRange(test.pixels, s * test.features(), (s + n) * test.features());
                NDArray logits = model.forward(Tensor.constant(NDArray.wrap(x, n, test.features()))).value();
                int[] pred = logits.argmax(1);
                for (int i = 0; i < n; i++) {
                    if (pred[i] == test.labels[s + i]) {
                        correct++;
                    }
                }
            }
        }
        model.train(true);
        return correct / (double) test.size();
    }

    @Test
    void mlpLearnsBundledDigitsAbove94Percent() throws Exception {
        ImageSet all = ImageSet.bundledDigits();
        ImageSet train = all.range(0, 8000);
        ImageSet test = all.range(8000, 10000);
        Rng rng = new Rng(1);
        Mlp model = new Mlp(Real32.INSTANCE, rng, 784, 256, 10);
        Sgd opt = new Sgd(model.trainableParameters(), 0.05, 0.9);
        int batch = 32;
        int epochs = 5;
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.05, 0.0, (long) epochs * (train.size() / batch));
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = rng.permutation(train.size());
            for (int s = 0; s + batch <= train.size(); s += batch) {
                int[] y = new int[batch];
                for (int i = 0; i < batch; i++) {
                    y[i] = train.labels[order[s + i]];
                }
                Tensor x = Tensor.constant(NDArray.wrap(rows(train, order, s, batch), batch, 784));
                opt.setLearningRate(schedule.rate(step++));
                Tensor loss = Functional.crossEntropy(model.forward(x), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
        }
        double acc = accuracy(model, test);
        assertThat(acc).isGreaterThan(0.94);
    }
}
