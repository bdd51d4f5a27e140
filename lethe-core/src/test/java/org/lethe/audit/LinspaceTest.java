package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinspaceTest {
    @Test
    void includesBothEndsWithEvenSteps() {
        assertThat(Linspace.of(0, 1, 5)).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Linspace.of(-2, 2, 3)).containsExactly(-2, 0, 2);
        assertThat(Linspace.of(3, 1, 3)).containsExactly(3, 2, 1);
    }

    @Test
    void oneSampleIsTheStartAndZeroSamplesIsEmpty() {
        assertThat(Linspace.of(2, 3, 1)).containsExactly(2);
        assertThat(Linspace.of(2, 3, 0)).isEmpty();
        assertThatThrownBy(() -> Linspace.of(0, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void roundsLikeNumPy() {
        double[] g = Linspace.of(0, 1, 11);
        // NumPy: step = 1/10 = 0.1 (rounded), y[3] = 3 * 0.1 = 0.30000000000000004, not 3/10 = 0.3.
        assertThat(g[3]).isEqualTo(0.30000000000000004).isNotEqualTo(0.3);
        // Values printed by numpy.linspace(-0.3, 0.4, 8): the rounding of i * step + start shows in the middle,
        // and the last element is stop itself.
        assertThat(Linspace.of(-0.3, 0.4, 8)).containsExactly(
                -0.3, -0.2, -0.1, 0.0, 0.09999999999999998, 0.19999999999999996, 0.3, 0.4);
        assertThat(g[6]).isEqualTo(0.6000000000000001);
        assertThat(g[10]).isEqualTo(1.0);
    }

    @Test
    void aStepThatUnderflowsScalesTheFractionInstead() {
        // delta = 4.9e-324 (the smallest double); delta / 2 rounds to 0, so NumPy computes (i / 2) * delta + start:
        // 0, 0.5 * 4.9e-324 = 0 (ties to even), then stop.
        assertThat(Linspace.of(0, Double.MIN_VALUE, 3)).containsExactly(0, 0, Double.MIN_VALUE);
    }

    @Test
    void countIsTheCeilingOfTheFloatProduct() {
        assertThat(Linspace.countPerUnit(0, 1.234, 100)).isEqualTo(124);
        // 0.07 * 100 = 7.000000000000001 in doubles, so the ceiling is 8, not 7.
        assertThat(Linspace.countPerUnit(0, 0.07, 100)).isEqualTo(8);
        // 0.29 * 100 = 28.999999999999996: ceiling 29.
        assertThat(Linspace.countPerUnit(0, 0.29, 100)).isEqualTo(29);
        assertThat(Linspace.countPerUnit(1, 1, 100)).isZero();
        assertThat(Linspace.countPerUnit(2, 1, 100)).isZero();
    }
}
