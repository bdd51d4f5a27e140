package org.lethe.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EditStrengthTest {
    /** The rule measured on every candidate, in the order given: what the strongest-first search must agree with. */
    private static EditStrength everyCandidate(List<Double> candidates, double original, double keep, double[] acc) {
        double floor = keep * original;
        EditStrength best = null;
        for (int i = 0; i < candidates.size(); i++) {
            double lambda = candidates.get(i);
            if (acc[i] >= floor && (best == null || Math.abs(lambda) > Math.abs(best.lambda()))) {
                best = new EditStrength(lambda, acc[i], floor, true);
            }
        }
        return best != null ? best : new EditStrength(candidates.get(0), acc[0], floor, false);
    }

    @Test
    void theStrongestFirstSearchChoosesWhatMeasuringEveryCandidateChooses() {
        Random random = new Random(7);
        List<Double> grid = EditStrength.defaultGrid();
        for (int trial = 0; trial < 200; trial++) {
            // Accuracies that fall with the strength, with noise, so that the rule is not monotone.
            double[] acc = new double[grid.size()];
            double slope = random.nextDouble() * 0.5;
            for (int i = 0; i < acc.length; i++) {
                acc[i] = Math.max(0, 0.9 - slope * grid.get(i) + 0.05 * random.nextGaussian());
            }
            List<Double> measured = new ArrayList<>();
            EditStrength chosen = EditStrength.choose(grid, 0.9, 0.95, (lambda, floor) -> {
                measured.add(lambda);
                return acc[grid.indexOf(lambda)];
            });
            assertThat(chosen).isEqualTo(everyCandidate(grid, 0.9, 0.95, acc));
            if (chosen.meetsRule()) {
                // Nothing weaker than the choice was measured.
                assertThat(measured).allMatch(l -> l >= chosen.lambda());
            }
        }
    }

    @Test
    void amongEqualMagnitudesTheEarliestWinsAndUnsortedCandidatesAreRefused() {
        List<Double> grid = List.of(0.5, -1.0, 1.0);
        EditStrength chosen = EditStrength.choose(grid, 1.0, 0.5, (lambda, floor) -> 0.9);
        assertThat(chosen.lambda()).isEqualTo(-1.0);
        assertThatThrownBy(() -> EditStrength.choose(List.of(1.0, 0.5), 1.0, 0.5, x -> 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
    }

    @Test
    void whenNoCandidateKeepsTheFloorTheWeakestIsMeasuredInFull() {
        List<Double> floors = new ArrayList<>();
        EditStrength chosen = EditStrength.choose(List.of(0.1, 0.2), 1.0, 0.95, (lambda, floor) -> {
            floors.add(floor);
            return 0.5;
        });
        assertThat(chosen.meetsRule()).isFalse();
        assertThat(chosen.lambda()).isEqualTo(0.1);
        assertThat(chosen.controlAccuracy()).isEqualTo(0.5);
        assertThat(floors.get(floors.size() - 1)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
