package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class ForgetQualityTest {

    /** A [model][example] matrix of normal draws: example e has mean means[e] + shift and std 1. */
    private static double[][] normalConfidences(Rng rng, int models, double[] means, double shift) {
        double[][] m = new double[models][means.length];
        for (int i = 0; i < models; i++) {
            for (int e = 0; e < means.length; e++) {
                m[i][e] = means[e] + shift + rng.nextGaussian();
            }
        }
        return m;
    }

    private static double[] exampleMeans(Rng rng, int examples) {
        double[] means = new double[examples];
        for (int e = 0; e < examples; e++) {
            means[e] = 3 * rng.nextGaussian();
        }
        return means;
    }

    @Test
    void identicalSamplesEarnTheBestBucket() {
        // When the unlearned and retrained confidences are the same numbers, every rule predicts the same count k of
        // each side positive: FPR = k/N and FNR = 1 - k/N. For 0 < k < N both logarithm terms are log(x - delta) -
        // log(x) < 0, so epsilon clips to 0; k = 0 or N has one rate 0 and is discarded. Epsilon 0 earns 1 point.
        Rng rng = new Rng(11);
        double[][] u = normalConfidences(rng, 16, exampleMeans(rng, 30), 0);
        double[][] r = new double[16][];
        for (int i = 0; i < 16; i++) {
            r[15 - i] = u[i].clone();
        }
        ForgetQualityResult res = ForgetQuality.score(u, r);
        assertThat(res.epsilons()).containsOnly(0.0);
        assertThat(res.forgetQuality()).isEqualTo(1.0);
        assertThat(res.numExamples()).isEqualTo(30);
        assertThat(res.numUnlearnedModels()).isEqualTo(16);
    }

    @Test
    void perfectlySeparatedDistributionsGetTheCapAndNoPoints() {
        // Any threshold in (3, 10] puts all retrained confidences (10..13) above and all unlearned (0..3) below:
        // FPR = FNR = 0, epsilon infinite, clipped to 50, past the last bucket (N = 4: buckets up to ceil(ln 3) = 2).
        double[] u = {0, 1, 2, 3};
        double[] r = {10, 11, 12, 13};
        assertThat(ForgetQuality.epsilon(u, r)).isEqualTo(50);
        ForgetQualityResult res = ForgetQuality.score(column(u), column(r));
        assertThat(res.points()).containsExactly(0.0);
        assertThat(res.forgetQuality()).isZero();
    }

    @Test
    void aTooPeakyDistributionGetsTheCapByTheOnePercentRule() {
        // Unlearned {1.5 - a, 1.5, 1.5 + a} (range 2a) against retrained {0, 1.5, 3} (range 3).
        double[] r = {0, 1.5, 3};
        // a = 0.014: 0.028 / 3 = 0.0093 < 1%: epsilon 50 without looking at any rule.
        assertThat(ForgetQuality.epsilon(new double[] {1.486, 1.5, 1.514}, r)).isEqualTo(50);
        // a = 0.016: 0.032 / 3 = 0.0107 >= 1%, so rules decide. The tied medians (1.5) make unlearned the positive
        // distribution and it is the peakier one. Every interval holding two unlearned values holds the retrained
        // 1.5 as well; the best rules are [l, r] with 0 < l <= 1.484, 1.5 <= r < 1.516 (or the mirror image): TPR
        // 2/3, FPR 1/3, FNR 1/3, epsilon = log(1 - delta - 1/3) - log(1/3) = log(2 - 3 delta) = 0.6931322.
        // Thresholds do no better: (1.484, 1.5] gives FNR 1/3, FPR 2/3 -> both terms negative -> 0.
        double expected = Math.log(2 - 3e-5);
        assertThat(ForgetQuality.epsilon(new double[] {1.484, 1.5, 1.516}, r)).isCloseTo(expected, within(1e-12));
        assertThat(ForgetQuality.epsilon(new double[] {1.4, 1.5, 1.6}, r)).isCloseTo(expected, within(1e-12));
        // With N = 3 there are buckets [0, 0.5) and [0.5, 1): epsilon 0.693 earns 1/2.
        ForgetQualityResult res = ForgetQuality.score(column(1.4, 1.5, 1.6), column(r));
        assertThat(res.forgetQuality()).isEqualTo(0.5);
    }

    @Test
    void constantEqualDistributionsKeepNoRuleAndGetZero() {
        // Both ranges 0: 0/0 is not below 1%, so rules are tried. Every rule predicts both sides alike, so
        // FPR = 1 - FNR is 0 or 1 and every rule is discarded; the documented choice is epsilon 0.
        assertThat(ForgetQuality.epsilon(new double[] {2, 2, 2}, new double[] {2, 2, 2})).isZero();
    }

    @Test
    void shiftingTheRetrainedDistributionLowersTheScore() {
        Rng rng = new Rng(5);
        double[] means = exampleMeans(rng, 40);
        double[][] u = normalConfidences(rng, 64, means, 0);
        double f0 = ForgetQuality.score(u, normalConfidences(rng, 64, means, 0)).forgetQuality();
        double f1 = ForgetQuality.score(u, normalConfidences(rng, 64, means, 1)).forgetQuality();
        double f3 = ForgetQuality.score(u, normalConfidences(rng, 64, means, 3)).forgetQuality();
        double f20 = ForgetQuality.score(u, normalConfidences(rng, 64, means, 20)).forgetQuality();
        assertThat(f0).isGreaterThan(f1);
        assertThat(f1).isGreaterThan(f3);
        // 20 standard deviations apart: a threshold separates every example perfectly.
        assertThat(f20).isZero();
    }

    @Test
    void agreesWithTheRuleByRuleDefinition() {
        Rng rng = new Rng(2023);
        int[][] counts = {{3, 3}, {4, 4}, {5, 7}, {8, 6}, {6, 6}};
        for (int[] c : counts) {
            for (int example = 0; example < 12; example++) {
                double[] u = new double[c[0]];
                double[] r = new double[c[1]];
                boolean coarse = example % 2 == 0;
                double shift = rng.nextDouble() * 1.5;
                double spread = 0.2 + rng.nextDouble();
                for (int i = 0; i < u.length; i++) {
                    u[i] = draw(rng, coarse, 0, spread);
                }
                for (int i = 0; i < r.length; i++) {
                    r[i] = draw(rng, coarse, shift, 1);
                }
                if (example % 3 == 0) {
                    // Outliers on opposite sides: intervals (at most width + 4 long) cannot reach what one threshold
                    // splits, so the single-threshold family decides.
                    u[0] = 8 + rng.nextDouble();
                    r[0] = -15 - rng.nextDouble();
                }
                double expected = BruteForceEpsilon.of(u, r);
                assertThat(ForgetQuality.epsilon(u, r)).as("counts %s, example %d", c[0] + "/" + c[1], example)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void agreesWithTheRuleByRuleDefinitionWhenDataSitOnTheThresholds() {
        // Confidences placed exactly on grid points make every >= / > and < / <= choice visible. The unlearned
        // values are single-threshold grid points and form the peakier distribution, which fixes the interval grids;
        // the retrained values (range 6, so the grids stay put) are then taken from those grids.
        Rng rng = new Rng(99);
        double[] thresholds = Linspace.of(-3, 3, Linspace.countPerUnit(-3, 3, 100));
        for (int example = 0; example < 25; example++) {
            double[] u = new double[3 + rng.nextInt(4)];
            for (int i = 0; i < u.length; i++) {
                u[i] = thresholds[i < 2 ? 270 + 40 * i : 270 + rng.nextInt(41)];
            }
            double lo = Math.min(u[0], u[1]);
            double width = Math.abs(u[1] - u[0]);
            double minRight = lo + width - 2;
            double maxRight = Math.max(u[0], u[1]) + 2;
            double[] rights = Linspace.of(minRight, maxRight, Linspace.countPerUnit(minRight, maxRight, 100));
            double[] r = new double[4 + rng.nextInt(5)];
            r[0] = -3;
            r[1] = 3;
            for (int i = 2; i < r.length; i++) {
                double right = rights[rng.nextInt(rights.length)];
                double[] lefts = Linspace.of(right - width - 2, right - width + 2, 400);
                int pick = rng.nextInt(3);
                r[i] = pick == 0 ? right : pick == 1 ? lefts[rng.nextInt(400)] : thresholds[250 + rng.nextInt(100)];
            }
            assertThat(ForgetQuality.epsilon(u, r)).as("example %d", example).isEqualTo(BruteForceEpsilon.of(u, r));
        }
    }

    @Test
    void agreesWithTheRuleByRuleDefinitionWhenSpreadsTie() {
        // Dyadic values keep every range exact, so both distributions have a range of exactly 2 and the tie rule
        // (the negative distribution is the peakier one) decides which side the intervals predict.
        Rng rng = new Rng(4);
        for (int example = 0; example < 25; example++) {
            double shift = rng.nextInt(9) / 8.0;
            double[] u = dyadicWithRangeTwo(rng, 0);
            double[] r = dyadicWithRangeTwo(rng, shift);
            assertThat(ForgetQuality.epsilon(u, r)).as("example %d", example).isEqualTo(BruteForceEpsilon.of(u, r));
        }
    }

    private static double[] dyadicWithRangeTwo(Rng rng, double offset) {
        double[] v = new double[4 + rng.nextInt(3)];
        v[0] = offset;
        v[1] = offset + 2;
        for (int i = 2; i < v.length; i++) {
            v[i] = offset + rng.nextInt(17) / 8.0;
        }
        return v;
    }

    // Coarse draws sit on a 0.05 grid, so ties between the distributions and thresholds landing on data are common.
    private static double draw(Rng rng, boolean coarse, double mean, double std) {
        double v = mean + std * rng.nextGaussian();
        return coarse ? Math.round(v * 20) / 20.0 : v;
    }

    @Test
    void scoresTwoHundredExamplesOfSixtyFourModelsQuickly() {
        Rng rng = new Rng(7);
        double[] means = exampleMeans(rng, 200);
        double[][] u = normalConfidences(rng, 64, means, 0);
        double[][] r = normalConfidences(rng, 64, means, 0.5);
        // Generous bound for a shared machine and a cold JIT; scanning all N values per rule takes far longer.
        long start = System.nanoTime();
        ForgetQualityResult res = ForgetQuality.score(u, r);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(res.numExamples()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void modelCountsMayDifferAndBucketsFollowTheUnlearnedOnes() {
        ForgetQualityResult res = ForgetQuality.score(column(0, 1, 2, 3, 4), column(10, 11, 12));
        assertThat(res.epsilons()).containsExactly(50.0);
        assertThat(res.numUnlearnedModels()).isEqualTo(5);
        assertThat(res.numRetrainedModels()).isEqualTo(3);
        // ceil(ln 4) = 2: four buckets.
        assertThat(res.buckets().count()).isEqualTo(4);
        assertThat(res.bucketCounts()).containsExactly(0, 0, 0, 0, 1);
    }

    @Test
    void finalScoreMultipliesTheAccuracyRatios() {
        // 0.8 * (0.9 / 1.0) * (0.85 / 0.85) = 0.72; 0.5 * (0.45 / 0.9) * (0.6 / 0.8) = 0.5 * 0.5 * 0.75 = 0.1875.
        assertThat(ForgetQuality.finalScore(0.8, 0.9, 1.0, 0.85, 0.85)).isCloseTo(0.72, within(1e-15));
        assertThat(ForgetQuality.finalScore(0.5, 0.45, 0.9, 0.6, 0.8)).isCloseTo(0.1875, within(1e-15));
        assertThatThrownBy(() -> ForgetQuality.finalScore(0.5, 0.9, 0, 0.9, 0.9))
                .hasMessageContaining("retrained retain accuracy");
    }

    @Test
    void rejectsMismatchedOrInsufficientInput() {
        assertThatThrownBy(() -> ForgetQuality.score(new double[][] {{1, 2}, {3, 4}},
                new double[][] {{1, 2, 3}, {4, 5, 6}}))
                .hasMessageContaining("retrained model 0 has 3 confidences, expected 2");
        assertThatThrownBy(() -> ForgetQuality.score(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3, 4}}))
                .hasMessageContaining("at least 2 unlearned and 2 retrained");
        assertThatThrownBy(() -> ForgetQuality.epsilon(new double[] {1, Double.NaN}, new double[] {0, 1}))
                .hasMessageContaining("unlearned confidence of model 1 is not finite");
        assertThatThrownBy(() -> ForgetQuality.epsilon(new double[] {0, 1}, new double[] {0, 5000}))
                .hasMessageContaining("span 5000");
    }

    private static double[][] column(double... values) {
        double[][] m = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            m[i][0] = values[i];
        }
        return m;
    }
}
