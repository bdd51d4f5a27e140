package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class ForgetQualityBaselineTest {

    private static double[][] sample(int models, int examples, Rng rng) {
        double[][] m = new double[models][examples];
        for (int i = 0; i < models; i++) {
            for (int e = 0; e < examples; e++) {
                m[i][e] = 3 + e * 0.05 + rng.nextGaussian();
            }
        }
        return m;
    }

    @Test
    void indistinguishableModelsScoreFarBelowOneButAboveZero() {
        double[][] retrained = sample(32, 60, new Rng(1));
        ForgetQualityBaseline.Estimate g = ForgetQualityBaseline.gaussian(retrained, 32, 2, 7);
        assertThat(g.repeats).isEqualTo(2);
        // The best of many rules fits noise: identically distributed samples of 32 still certify epsilon ~1-2.
        assertThat(g.mean).isBetween(0.05, 0.6);
        double[][] pool = sample(64, 60, new Rng(2));
        ForgetQualityBaseline.Estimate p = ForgetQualityBaseline.permutation(pool, 32, 2, 7);
        assertThat(p.mean).isBetween(0.05, 0.6);
        // Both estimate the same quantity; 60 examples leave a standard error of a few hundredths.
        assertThat(Math.abs(p.mean - g.mean)).isLessThan(0.15);
        // Seeded: the same call gives the same estimate.
        assertThat(ForgetQualityBaseline.gaussian(retrained, 32, 2, 7).mean).isEqualTo(g.mean);
    }

    @Test
    void separatedModelsScoreBelowTheBaseline() {
        Rng rng = new Rng(4);
        double[][] retrained = sample(32, 40, rng);
        double[][] unlearned = sample(32, 40, rng);
        for (double[] row : unlearned) {
            for (int e = 0; e < row.length; e++) {
                row[e] += 5;
            }
        }
        double f = ForgetQuality.score(unlearned, retrained).forgetQuality();
        assertThat(f).isLessThan(ForgetQualityBaseline.gaussian(retrained, 32, 1, 1).mean / 4);
    }

    @Test
    void rejectsTooFewModels() {
        assertThatThrownBy(() -> ForgetQualityBaseline.permutation(new double[3][2], 2, 1, 0))
                .hasMessageContaining("at least 2 in each group");
    }
}
