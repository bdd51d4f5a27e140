package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class UnlearningLiraTest {

    private static double[][] normal(int models, int examples, double shift, Rng rng) {
        double[][] m = new double[models][examples];
        for (int i = 0; i < models; i++) {
            for (int e = 0; e < examples; e++) {
                m[i][e] = e * 0.1 + shift + rng.nextGaussian();
            }
        }
        return m;
    }

    @Test
    void separatedModelsGiveAucOneAndIdenticalOnesGuessing() {
        Rng rng = new Rng(3);
        double[][] retrained = normal(16, 40, 0, rng);
        MembershipAttackResult far = UnlearningLira.leaveOneOut(normal(16, 40, 20, rng), retrained, 1e-3);
        assertThat(far.auc()).isEqualTo(1.0);
        MembershipAttackResult same = UnlearningLira.leaveOneOut(normal(16, 40, 0, rng), retrained, 1e-3);
        // 640 + 640 scores: the guessing AUC has a standard error of about 0.016; leave-one-out keeps it unbiased.
        assertThat(same.auc()).isCloseTo(0.5, within(0.06));
        MembershipAttackResult shifted = UnlearningLira.leaveOneOut(normal(16, 40, 1, rng), retrained, 1e-3);
        assertThat(shifted.auc()).isBetween(0.6, 0.95);
    }

    @Test
    void aModelNeverScoresItselfInLeaveOneOut() {
        // Two unlearned models at 0 and 10 and retrained ones at 4.9 and 5.1: with its own value in the fit an
        // unlearned model would look like its group; left out, the other one (10 away) makes it look retrained.
        double[][] unlearned = {{0}, {10}};
        double[][] retrained = {{4.9}, {5.1}};
        MembershipAttackResult r = UnlearningLira.leaveOneOut(unlearned, retrained, 1e-3);
        assertThat(r.auc()).isEqualTo(0.0);
    }

    @Test
    void scoresOfOneModelAreLogLikelihoodRatios() {
        double[][] unlearned = {{1}, {3}};
        double[][] retrained = {{-1}, {1}};
        assertThat(UnlearningLira.scores(new double[] {2}, unlearned, retrained, 1e-3)[0]).isCloseTo(2.0, within(1e-14));
    }

    @Test
    void needsTwoModelsOfEachKind() {
        assertThatThrownBy(() -> UnlearningLira.leaveOneOut(new double[][] {{1}}, new double[][] {{1}, {2}}, 1e-3))
                .hasMessageContaining("at least 2 unlearned and 2 retrained");
    }
}
