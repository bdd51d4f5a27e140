package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.data.ImageSet;
import org.lethe.nn.Activation;
import org.lethe.nn.Mlp;
import org.lethe.optim.Adam;
import org.lethe.optim.GradientClipping;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

/**
 * Same seed, same bits: a short MLP training run on the bundled digits (seeded initialisation, shuffling and
 * dropout, AdamW with a warm-up cosine schedule and norm clipping) must reproduce every weight bit for bit, also
 * while another training runs on a second thread.
 */
class DeterminismTest {
    private static final int STEPS = 100;
    private static final int BATCH = 32;
    private static ImageSet train;

    @BeforeAll
    static void load() throws Exception {
        train = ImageSet.bundledDigits().range(0, 8000);
    }

    /** Trains for {@link #STEPS} steps and returns the raw bits of every parameter, in parameter order. */
    private static int[] trainedBits(long seed) {
        Mlp model = new Mlp(Real32.INSTANCE, new Rng(Rng.derive(seed, 0)), new int[] {784, 64, 10}, Activation.RELU, 0.1);
        Adam optimizer = Adam.adamW(model.trainableParameters(), 1e-3, 0.01);
        LearningRateSchedule schedule = LearningRateSchedule.warmup(10, LearningRateSchedule.cosine(1e-3, 1e-4, STEPS - 10));
        int[] order = new Rng(Rng.derive(seed, 1)).permutation(train.size());
        int features = train.features();
        for (int step = 0; step < STEPS; step++) {
            float[] x = new float[BATCH * features];
            int[] y = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                int row = order[step * BATCH + i];
                System.arraycopy(train.pixels, row * features, x, i * features, features);
                y[i] = train.labels[row];
            }
            Tensor loss = Functional.crossEntropy(model.forward(Tensor.constant(NDArray.wrap(x, BATCH, features))), y);
            optimizer.zeroGrad();
            loss.backward();
            GradientClipping.clipByGlobalNorm(optimizer.parameters(), 5.0);
            schedule.apply(optimizer, step);
            optimizer.step();
        }
        return bits(model);
    }

    private static int[] bits(Mlp model) {
        int[] out = new int[(int) model.parameterCount()];
        int pos = 0;
        for (Tensor p : model.namedParameters().values()) {
            for (double v : p.value().toDoubles()) {
                out[pos++] = Float.floatToRawIntBits((float) v);
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        int[] first = trainedBits(17);
        int[] second = trainedBits(17);
        assertThat(Arrays.equals(first, second)).as("weights of two runs with seed 17 are bit-identical").isTrue();
    }

    @Test
    void differentSeedGivesDifferentWeights() {
        int[] a = trainedBits(17);
        int[] b = trainedBits(18);
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differing++;
            }
        }
        assertThat(differing).as("weights differing between seeds 17 and 18").isGreaterThan(a.length / 2);
    }

    @Test
    void concurrentTrainingGivesTheSameBitsAsTrainingAlone() throws Exception {
        int[] aloneA = trainedBits(17);
        int[] aloneB = trainedBits(18);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<int[]> a = pool.submit(() -> {
                start.await();
                return trainedBits(17);
            });
            Future<int[]> b = pool.submit(() -> {
                start.await();
                return trainedBits(18);
            });
            start.countDown();
            assertThat(Arrays.equals(a.get(5, TimeUnit.MINUTES), aloneA)).as("seed 17 beside another training").isTrue();
            assertThat(Arrays.equals(b.get(5, TimeUnit.MINUTES), aloneB)).as("seed 18 beside another training").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
