package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class LiraTest {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    @Test
    void fitsMeanAndPopulationStdWithAFloor() {
        // {1, 3}: mean 2, squared deviations 1 + 1 over n = 2 -> std 1.
        GaussianFit fit = GaussianFit.of(new double[] {1, 3}, 1e-3);
        assertThat(fit.mean()).isEqualTo(2.0);
        assertThat(fit.std()).isEqualTo(1.0);
        assertThat(GaussianFit.of(new double[] {5, 5, 5}, 0.25).std()).isEqualTo(0.25);
        assertThat(fit.logDensity(2)).isCloseTo(-HALF_LOG_TWO_PI, within(1e-15));
    }

    @Test
    void onlineScoreIsTheLogLikelihoodRatio() {
        // in {1, 3}: N(2, 1); out {-1, 1}: N(0, 1). At c = 2: (0) - (-2^2 / 2) = 2. At c = 1: -1/2 - (-1/2) = 0.
        double[] in = {1, 3};
        double[] out = {-1, 1};
        assertThat(Lira.onlineScore(2, in, out, 1e-3)).isCloseTo(2.0, within(1e-14));
        assertThat(Lira.onlineScore(1, in, out, 1e-3)).isCloseTo(0.0, within(1e-14));
        // A floored "in" fit: N(5, 0.5) against N(0, 1) at c = 5: (-log 0.5) - (-25/2) = 12.5 + ln 2.
        assertThat(Lira.onlineScore(5, new double[] {5, 5}, out, 0.5)).isCloseTo(12.5 + Math.log(2), within(1e-12));
    }

    @Test
    void offlineScoreIsTheOneSidedTail() {
        // out N(0, 1): c = 0 -> log Phi(0) = log 1/2; c = 1 -> log 0.8413447460685429 (Phi(1) from tables).
        double[] out = {-1, 1};
        assertThat(Lira.offlineScore(0, out, 1e-3)).isCloseTo(Math.log(0.5), within(1e-15));
        assertThat(Lira.offlineScore(1, out, 1e-3)).isCloseTo(Math.log(0.8413447460685429), within(1e-14));
        // Far below the "out" mean Phi underflows, yet scores must keep ordering: log Phi(-40) = -804.608442013754
        // (Mills-ratio series: -800 - ln 40 - ln sqrt(2 pi) + ln(1 - 1/1600 + 3/1600^2 ...)).
        assertThat(Lira.offlineScore(-40, out, 1e-3)).isCloseTo(-804.608442013754, within(1e-9));
        assertThat(Lira.offlineScore(-40.5, out, 1e-3)).isLessThan(Lira.offlineScore(-40, out, 1e-3));
        assertThat(Lira.offlineScore(12, out, 1e-3)).isLessThan(0).isGreaterThan(Lira.offlineScore(11, out, 1e-3));
    }

    @Test
    void logPhiIsContinuousWhereTheMethodsMeet() {
        double below = NormalLogCdf.logPhi(Math.nextDown(-37.0));
        double above = NormalLogCdf.logPhi(-37.0);
        assertThat(below).isCloseTo(above, within(1e-9));
        assertThat(NormalLogCdf.logPhi(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /** Shadow and target confidences of members and non-members; members sit {@code gap} above non-members. */
    private static final class Synthetic {
        final double[] memberTargets;
        final double[] nonMemberTargets;
        final double[][] memberIn;
        final double[][] memberOut;
        final double[][] nonMemberIn;
        final double[][] nonMemberOut;

        Synthetic(long seed, int examples, int shadows, double gap) {
            Rng rng = new Rng(seed);
            memberTargets = new double[examples];
            nonMemberTargets = new double[examples];
            memberIn = new double[examples][];
            memberOut = new double[examples][];
            nonMemberIn = new double[examples][];
            nonMemberOut = new double[examples][];
            for (int e = 0; e < examples; e++) {
                // Examples differ in difficulty far more than membership moves them: a global threshold struggles.
                double base = 6 * rng.nextGaussian();
                memberIn[e] = draws(rng, shadows, base + gap);
                memberOut[e] = draws(rng, shadows, base);
                memberTargets[e] = base + gap + 0.5 * rng.nextGaussian();
                double otherBase = 6 * rng.nextGaussian();
                nonMemberIn[e] = draws(rng, shadows, otherBase + gap);
                nonMemberOut[e] = draws(rng, shadows, otherBase);
                nonMemberTargets[e] = otherBase + 0.5 * rng.nextGaussian();
            }
        }

        private static double[] draws(Rng rng, int n, double mean) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = mean + 0.5 * rng.nextGaussian();
            }
            return v;
        }
    }

    @Test
    void separableMembershipGivesAucOne() {
        // Members' confidences are 10 shadow standard deviations (0.5 each) above their "out" distribution.
        Synthetic s = new Synthetic(1, 200, 16, 5);
        double[] onlineMembers = Lira.onlineScores(s.memberTargets, s.memberIn, s.memberOut, Lira.DEFAULT_MIN_STD);
        double[] onlineNon = Lira.onlineScores(s.nonMemberTargets, s.nonMemberIn, s.nonMemberOut, Lira.DEFAULT_MIN_STD);
        MembershipAttackResult online = MembershipAttackResult.ofScores(onlineMembers, onlineNon);
        assertThat(online.auc()).isEqualTo(1.0);
        assertThat(online.tprAtTenthPercentFpr()).isEqualTo(1.0);
        MembershipAttackResult offline = MembershipAttackResult.ofScores(
                Lira.offlineScores(s.memberTargets, s.memberOut, Lira.DEFAULT_MIN_STD),
                Lira.offlineScores(s.nonMemberTargets, s.nonMemberOut, Lira.DEFAULT_MIN_STD));
        assertThat(offline.auc()).isEqualTo(1.0);
        // The uncalibrated confidence itself, thresholded globally, is far from perfect on the same data.
        assertThat(MembershipAttackResult.ofScores(s.memberTargets, s.nonMemberTargets).auc()).isLessThan(0.9);
    }

    @Test
    void noMembershipSignalGivesAGuess() {
        // gap 0: "in" and "out" shadows, members and non-members all come from the same distribution.
        Synthetic s = new Synthetic(2, 500, 16, 0);
        MembershipAttackResult online = MembershipAttackResult.ofScores(
                Lira.onlineScores(s.memberTargets, s.memberIn, s.memberOut, Lira.DEFAULT_MIN_STD),
                Lira.onlineScores(s.nonMemberTargets, s.nonMemberIn, s.nonMemberOut, Lira.DEFAULT_MIN_STD));
        // Standard error of the AUC with 500 + 500 scores: 0.018.
        assertThat(online.auc()).isCloseTo(0.5, within(0.06));
        MembershipAttackResult offline = MembershipAttackResult.ofScores(
                Lira.offlineScores(s.memberTargets, s.memberOut, Lira.DEFAULT_MIN_STD),
                Lira.offlineScores(s.nonMemberTargets, s.nonMemberOut, Lira.DEFAULT_MIN_STD));
        assertThat(offline.auc()).isCloseTo(0.5, within(0.06));
    }

    @Test
    void rejectsMismatchedCountsAndEmptyShadows() {
        assertThatThrownBy(() -> Lira.offlineScores(new double[] {1, 2}, new double[][] {{1}}, 1e-3))
                .hasMessageContaining("2 target confidences");
        assertThatThrownBy(() -> Lira.onlineScore(0, new double[0], new double[] {1}, 1e-3))
                .hasMessageContaining("no samples");
        assertThatThrownBy(() -> GaussianFit.of(new double[] {1}, 0)).hasMessageContaining("minimum std");
    }
}
