package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogitScaledConfidenceTest {
    @Test
    void isTheLogOddsOfTheTrueClass() {
        // Two equal logits: p = (1/2, 1/2), log(1/2) - log(1/2) = 0.
        assertThat(LogitScaledConfidence.of(new double[] {0, 0}, 0)).isCloseTo(0, within(1e-15));
        // Logits (ln 3, 0, 0): p = (3/5, 1/5, 1/5).
        // Class 0: log(3/5) - log(2/5) = ln 1.5. Class 1: log(1/5) - log(4/5) = -ln 4.
        double[] logits = {Math.log(3), 0, 0};
        assertThat(LogitScaledConfidence.of(logits, 0)).isCloseTo(Math.log(1.5), within(1e-14));
        assertThat(LogitScaledConfidence.of(logits, 1)).isCloseTo(-Math.log(4), within(1e-14));
    }

    @Test
    void ignoresAShiftOfAllLogits() {
        double[] logits = {1.5, -0.25, 3.0, 0.5};
        double[] shifted = {701.5, 699.75, 703.0, 700.5};
        for (int y = 0; y < 4; y++) {
            assertThat(LogitScaledConfidence.of(shifted, y))
                    .isCloseTo(LogitScaledConfidence.of(logits, y), within(1e-12));
        }
    }

    @Test
    void theGuardBoundsCertainPredictions() {
        // exp(-1000) underflows to 0, so the other side of the ratio is the guard alone: log(1) - log(1e-45).
        double bound = -Math.log(1e-45);
        assertThat(LogitScaledConfidence.of(new double[] {1000, 0}, 0)).isCloseTo(bound, within(1e-12));
        assertThat(LogitScaledConfidence.of(new double[] {1000, 0}, 1)).isCloseTo(-bound, within(1e-12));
    }

    @Test
    void rowsUseTheirOwnLabels() {
        double[] c = LogitScaledConfidence.ofRows(new double[][] {{0, 0}, {Math.log(3), 0, 0}}, new int[] {1, 0});
        assertThat(c[0]).isCloseTo(0, within(1e-15));
        assertThat(c[1]).isCloseTo(Math.log(1.5), within(1e-14));
    }

    @Test
    void rejectsBadLabelsAndLogits() {
        assertThatThrownBy(() -> LogitScaledConfidence.of(new double[] {0, 1}, 2)).hasMessageContaining("label 2");
        assertThatThrownBy(() -> LogitScaledConfidence.of(new double[] {0, Double.NaN}, 0))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> LogitScaledConfidence.of(new double[] {0}, 0)).hasMessageContaining("2 classes");
    }
}
