package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Mlp;
import org.lethe.nn.ParameterHash;
import org.lethe.optim.Sgd;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;
import org.junit.jupiter.api.Test;

class KernelWarmupTest {
    @Test
    void trainingWhileTheWarmupRunsGivesTheSameWeightsAsWithoutIt() {
        String alone = trainSmallMlp();
        KernelWarmup warmup = KernelWarmup.start();
        String beside = trainSmallMlp();
        int steps = warmup.finish();
        assertThat(beside).isEqualTo(alone);
        assertThat(steps).isGreaterThanOrEqualTo(0);
    }

    @Test
    void finishStopsTheWarmupAndCanBeCalledAgain() {
        KernelWarmup warmup = KernelWarmup.start();
        int first = warmup.finish();
        assertThat(warmup.finish()).isEqualTo(first);
    }

    private static String trainSmallMlp() {
        Rng rng = new Rng(7);
        Mlp model = new Mlp(Real32.INSTANCE, rng, 784, 64, 10);
        Sgd opt = new Sgd(model.trainableParameters(), 0.05, 0.9);
        Rng data = new Rng(8);
        for (int step = 0; step < 30; step++) {
            float[] x = new float[128 * 784];
            int[] y = new int[128];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) data.nextDouble();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = data.nextInt(10);
            }
            Tensor loss = Functional.crossEntropy(model.forward(Tensor.constant(NDArray.wrap(x, 128, 784))), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        return ParameterHash.of(model);
    }
}
