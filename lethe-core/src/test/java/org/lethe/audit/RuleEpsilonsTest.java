package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RuleEpsilonsTest {
    private static final double DELTA = 1e-5;

    @Test
    void perfectSeparationIsInfiniteAndOneSidedZerosAreDiscarded() {
        assertThat(RuleEpsilons.epsilon(0, 0, DELTA)).isInfinite();
        assertThat(RuleEpsilons.epsilon(0, 0.5, DELTA)).isNaN();
        assertThat(RuleEpsilons.epsilon(0.25, 0, DELTA)).isNaN();
    }

    @Test
    void theBetterOfTheTwoBoundsClippedAtZero() {
        // FPR = FNR = 1/4: log(3/4 - delta) - log(1/4) = log(3 - 4 delta) = 1.0986 both ways.
        assertThat(RuleEpsilons.epsilon(0.25, 0.25, DELTA)).isCloseTo(Math.log(3 - 4e-5), within(1e-14));
        // FPR = 1/8, FNR = 1/2: max(log(7/8 - delta) + log 2, log(1/2 - delta) + log 8) = log(4 - 8 delta).
        assertThat(RuleEpsilons.epsilon(0.125, 0.5, DELTA)).isCloseTo(Math.log(4 - 8e-5), within(1e-14));
        // A coin flip's rates: both terms log(1/2 - delta) - log(1/2) < 0, clipped to 0.
        assertThat(RuleEpsilons.epsilon(0.5, 0.5, DELTA)).isZero();
    }

    @Test
    void aLogarithmOfANegativeNumberIsIgnored() {
        // FPR = 1: the first term is log(-delta), NaN, and is skipped; the second log(1/2 - delta) - log 1 < 0 -> 0.
        assertThat(RuleEpsilons.epsilon(1, 0.5, DELTA)).isZero();
        // Both rates 1: both terms NaN, the rule is discarded.
        assertThat(RuleEpsilons.epsilon(1, 1, DELTA)).isNaN();
    }

    @Test
    void theTableHoldsTheRatesOfCounts() {
        RuleEpsilons t = new RuleEpsilons(8, 4, DELTA);
        // 1 false positive of 4 negatives, 2 false negatives of 8 positives: both rates 1/4.
        assertThat(t.lookup(1, 2)).isEqualTo(RuleEpsilons.epsilon(0.25, 0.25, DELTA));
        assertThat(t.lookup(0, 0)).isInfinite();
        assertThat(t.lookup(4, 8)).isNaN();
    }
}
