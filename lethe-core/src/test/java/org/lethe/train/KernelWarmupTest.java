package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.lethe.nn.Mlp;
import org.lethe.nn.ParameterHash;
import org.lethe.optim.Sgd;
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

    @Test
    void aWarmUpOnTheCallingThreadRunsStepsAndChangesNoLaterTraining() {
        String before = trainSmallMlp();
        assertThat(KernelWarmup.runFor(0.5)).as("miniature steps after the data preparation passes").isPositive();
        assertThat(trainSmallMlp()).isEqualTo(before);
    }

    private static String trainSmallMlp() {
        Rng rng = new Rng(7);
        Mlp model = new Mlp(Real32.INSTANCE, rng, 784, 64, 10);
        Sgd opt = new Sgd(model.trainableParameters(), 0.05, 0.9);
        Rng data = new Rng(8);
        for (int step = 0; step < 30; step++) {
            NoiseSteps.step(model, opt, data, 128, 784, 10);
        }
        return ParameterHash.of(model);
    }
}
