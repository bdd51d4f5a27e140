package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class LinearProbeTest {
    private static final int CLASSES = 4;
    private static final int WIDTH = 24;

    /** Rows: a class centre plus noise; with centres far apart relative to the noise, the classes separate. */
    private static NDArray clusters(int[] labels, double spread, double noise, long seed) {
        Rng centres = new Rng(99);
        double[][] c = new double[CLASSES][WIDTH];
        for (double[] row : c) {
            for (int j = 0; j < WIDTH; j++) {
                row[j] = spread * centres.nextGaussian();
            }
        }
        Rng rng = new Rng(seed);
        double[] x = new double[labels.length * WIDTH];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < WIDTH; j++) {
                x[i * WIDTH + j] = c[labels[i]][j] + noise * rng.nextGaussian() + 7.0;
            }
        }
        return NDArray.of(Real64.INSTANCE, x, labels.length, WIDTH);
    }

    private static int[] randomLabels(int n, long seed) {
        Rng rng = new Rng(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(CLASSES);
        }
        return y;
    }

    @Test
    void readsOutLinearlySeparableFeaturesPerfectly() {
        int[] trainLabels = randomLabels(400, 1);
        int[] testLabels = randomLabels(400, 2);
        LinearProbe probe = LinearProbe.fit(clusters(trainLabels, 3.0, 0.5, 3), trainLabels, CLASSES, new LinearProbe.Options());
        assertThat(probe.trainAccuracy()).isEqualTo(1.0);
        assertThat(probe.accuracy(clusters(testLabels, 3.0, 0.5, 4), testLabels)).isEqualTo(1.0);
    }

    @Test
    void isAtChanceOnFeaturesUnrelatedToTheLabels() {
        int[] trainLabels = randomLabels(600, 5);
        int[] testLabels = randomLabels(2000, 6);
        // spread 0: every class has the same distribution, so nothing is there to read out.
        LinearProbe probe = LinearProbe.fit(clusters(trainLabels, 0.0, 1.0, 7), trainLabels, CLASSES, new LinearProbe.Options());
        double accuracy = probe.accuracy(clusters(testLabels, 0.0, 1.0, 8), testLabels);
        // Chance is 1/4; with 2,000 test rows the standard error is 0.0097, so +-0.04 is four of them.
        assertThat(accuracy).isCloseTo(0.25, within(0.04));
        // It does fit its own noise somewhat: training accuracy is above chance.
        assertThat(probe.trainAccuracy()).isGreaterThan(0.3);
    }

    @Test
    void isDeterministicAndSubsamplesWithTheSeed() {
        int[] labels = randomLabels(300, 9);
        NDArray x = clusters(labels, 1.0, 1.0, 10);
        LinearProbe.Options o = new LinearProbe.Options();
        o.maxExamples = 100;
        o.iterations = 50;
        double[] a = LinearProbe.fit(x, labels, CLASSES, o).logits(x).toDoubles();
        double[] b = LinearProbe.fit(x, labels, CLASSES, o).logits(x).toDoubles();
        assertThat(a).isEqualTo(b);
        o.seed = 1;
        assertThat(LinearProbe.fit(x, labels, CLASSES, o).logits(x).toDoubles()).isNotEqualTo(a);
    }

    @Test
    void rejectsBadInputsWithClearMessages() {
        NDArray x = NDArray.zeros(Real64.INSTANCE, 3, 2);
        assertThatThrownBy(() -> LinearProbe.fit(x, new int[] {0, 1}, 2, new LinearProbe.Options()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one label per row");
        assertThatThrownBy(() -> LinearProbe.fit(x, new int[] {0, 1, 2}, 2, new LinearProbe.Options()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2 outside 0..1");
        LinearProbe probe = LinearProbe.fit(x, new int[] {0, 1, 1}, 2, new LinearProbe.Options());
        assertThatThrownBy(() -> probe.predict(NDArray.zeros(Real64.INSTANCE, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width 2");
    }
}
