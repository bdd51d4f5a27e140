package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class RocCurveTest {
    @Test
    void separatedScoresGiveAucOneAndFullTprAtZeroFpr() {
        RocCurve roc = RocCurve.of(new double[] {3, 4, 5}, new double[] {0, 1, 2});
        assertThat(roc.auc()).isEqualTo(1.0);
        assertThat(roc.tprAtFpr(0.0)).isEqualTo(1.0);
        assertThat(roc.tprAtFpr(0.01)).isEqualTo(1.0);
        RocCurve reversed = RocCurve.of(new double[] {0, 1, 2}, new double[] {3, 4, 5});
        assertThat(reversed.auc()).isZero();
        assertThat(reversed.tprAtFprStep(0.5)).isZero();
    }

    @Test
    void tiesCountHalf() {
        // Pairs (member, non-member): (1,1) tie = 1/2, (1,0) = 1, (2,1) = 1, (2,0) = 1 -> 3.5 / 4.
        assertThat(RocCurve.of(new double[] {1, 2}, new double[] {1, 0}).auc()).isEqualTo(0.875);
        // Everything tied: every pair counts 1/2.
        assertThat(RocCurve.of(new double[] {7, 7, 7}, new double[] {7, 7}).auc()).isEqualTo(0.5);
    }

    @Test
    void curveVerticesAndInterpolation() {
        // Members {0.9, 0.5}, non-members {0.5, 0.1}. Thresholds +inf, 0.9, 0.5, 0.1 give vertices
        // (0, 0), (0, 1/2), (1/2, 1) (the tie at 0.5 moves both), (1, 1).
        RocCurve roc = RocCurve.of(new double[] {0.9, 0.5}, new double[] {0.5, 0.1});
        assertThat(roc.fprs()).containsExactly(0, 0, 0.5, 1);
        assertThat(roc.tprs()).containsExactly(0, 0.5, 1, 1);
        assertThat(roc.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.9, 0.5, 0.1);
        // At FPR 0.1: between (0, 1/2) and (1/2, 1): 1/2 + 0.1 * (1/2) / (1/2) = 0.6; the step reading stays at 1/2.
        assertThat(roc.tprAtFpr(0.1)).isCloseTo(0.6, within(1e-15));
        assertThat(roc.tprAtFprStep(0.1)).isEqualTo(0.5);
        assertThat(roc.tprAtFpr(0.5)).isEqualTo(1.0);
        assertThat(roc.tprAtFpr(1.0)).isEqualTo(1.0);
        // Trapezoids: 1/2 * (1/2 + 1) / 2 + 1/2 * 1 = 0.875, the same as pair counting.
        assertThat(roc.auc()).isEqualTo(0.875);
    }

    @Test
    void aucEqualsPairCounting() {
        Rng rng = new Rng(12);
        double[] members = new double[57];
        double[] nonMembers = new double[43];
        for (int i = 0; i < members.length; i++) {
            members[i] = Math.round(rng.nextGaussian() * 4 + 1) / 4.0;
        }
        for (int i = 0; i < nonMembers.length; i++) {
            nonMembers[i] = Math.round(rng.nextGaussian() * 4) / 4.0;
        }
        double wins = 0;
        for (double m : members) {
            for (double n : nonMembers) {
                wins += m > n ? 1 : m == n ? 0.5 : 0;
            }
        }
        RocCurve roc = RocCurve.of(members, nonMembers);
        assertThat(roc.auc()).isCloseTo(wins / (members.length * nonMembers.length), within(1e-15));
        assertThat(roc.numMembers()).isEqualTo(57);
        assertThat(roc.numNonMembers()).isEqualTo(43);
    }

    @Test
    void rejectsEmptyAndNaN() {
        assertThatThrownBy(() -> RocCurve.of(new double[0], new double[] {1}))
                .hasMessageContaining("at least one member");
        assertThatThrownBy(() -> RocCurve.of(new double[] {Double.NaN}, new double[] {1})).hasMessageContaining("NaN");
        RocCurve roc = RocCurve.of(new double[] {1}, new double[] {0});
        assertThatThrownBy(() -> roc.tprAtFpr(1.5)).hasMessageContaining("[0, 1]");
    }
}
