package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class LossThresholdAttackTest {
    @Test
    void lowerLossOnMembersIsDetected() {
        // Member losses all below non-member losses: AUC 1 and every member caught before any false positive.
        MembershipAttackResult r = LossThresholdAttack.evaluate(new double[] {0.01, 0.02, 0.05},
                new double[] {0.3, 0.9, 2.0});
        assertThat(r.auc()).isEqualTo(1.0);
        assertThat(r.tprAtOnePercentFpr()).isEqualTo(1.0);
        assertThat(r.tprAtTenthPercentFpr()).isEqualTo(1.0);
    }

    @Test
    void handComputedSmallCase() {
        // Scores -loss: members {-0.1, -0.5}, non-members {-0.5, -0.9}: vertices (0,0), (0,1/2), (1/2,1), (1,1).
        // AUC 0.875; at FPR 1%: 1/2 + 0.01 = 0.51; at 0.1%: 0.501.
        MembershipAttackResult r = LossThresholdAttack.evaluate(new double[] {0.1, 0.5}, new double[] {0.5, 0.9});
        assertThat(r.auc()).isEqualTo(0.875);
        assertThat(r.tprAtOnePercentFpr()).isCloseTo(0.51, within(1e-15));
        assertThat(r.tprAtTenthPercentFpr()).isCloseTo(0.501, within(1e-15));
    }

    @Test
    void identicalLossDistributionsAreAGuess() {
        // 500 vs 500 draws of the same distribution: the AUC's standard error is sqrt((m + n + 1) / (12 m n)) = 0.018.
        Rng rng = new Rng(31);
        double[] members = new double[500];
        double[] nonMembers = new double[500];
        for (int i = 0; i < 500; i++) {
            members[i] = Math.exp(rng.nextGaussian());
            nonMembers[i] = Math.exp(rng.nextGaussian());
        }
        MembershipAttackResult r = LossThresholdAttack.evaluate(members, nonMembers);
        assertThat(r.auc()).isCloseTo(0.5, within(0.06));
        assertThat(r.tprAtOnePercentFpr()).isLessThan(0.06);
    }

    @Test
    void crossEntropyIsMinusTheLogSoftmax() {
        // Logits (ln 3, 0, 0): softmax (3/5, 1/5, 1/5), loss of class 0 = ln(5/3), of class 2 = ln 5.
        double[] logits = {Math.log(3), 0, 0};
        assertThat(LossThresholdAttack.crossEntropy(logits, 0)).isCloseTo(Math.log(5.0 / 3), within(1e-15));
        assertThat(LossThresholdAttack.crossEntropy(logits, 2)).isCloseTo(Math.log(5), within(1e-15));
        assertThat(LossThresholdAttack.crossEntropy(new double[] {1000, 0}, 1)).isCloseTo(1000, within(1e-9));
    }
}
