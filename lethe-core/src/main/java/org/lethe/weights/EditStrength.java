package org.lethe.weights;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The task-arithmetic rule for the strength {@code lambda} of an edit (Ilharco et al., 2023), applied on
 * validation data only: among the candidates, the strongest edit that keeps the control accuracy (on what must
 * not change) at least {@code keep} (0.95) times the unedited model's. "Strongest" is the candidate with the
 * largest magnitude; if none qualifies, the weakest candidate is returned and marked as not meeting the rule.
 *
 * @param lambda          the chosen strength
 * @param controlAccuracy control accuracy (validation) at that strength
 * @param controlFloor    the accuracy the rule required
 * @param meetsRule       false when no candidate kept the control accuracy
 */
public record EditStrength(double lambda, double controlAccuracy, double controlFloor, boolean meetsRule) {
    /** The default grid of strengths: 0.05 to 3 in steps of 0.05. */
    public static List<Double> defaultGrid() {
        java.util.ArrayList<Double> g = new java.util.ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            g.add(i * 0.05);
        }
        return g;
    }

    /**
     * The control accuracy of the edit at a strength, allowed to stop early: given the {@code floor} the rule
     * requires, it may return any value below the floor as soon as the accuracy is sure to end below it.
     */
    @FunctionalInterface
    public interface Control {
        /** The control accuracy at {@code lambda}, or a value below {@code floor} when it ends below. */
        double accuracy(double lambda, double floor);
    }

    /**
     * Chooses {@code lambda} from {@code candidates} (given by magnitude, ascending) with
     * {@code controlAccuracy.applyAsDouble(lambda)} the validation control accuracy of the edit at that strength.
     */
    public static EditStrength choose(List<Double> candidates, double originalControlAccuracy, double keep,
                                      DoubleUnaryOperator controlAccuracy) {
        return choose(candidates, originalControlAccuracy, keep,
                (lambda, floor) -> controlAccuracy.applyAsDouble(lambda));
    }

    /**
     * Chooses {@code lambda} from {@code candidates} (given by magnitude, ascending) with {@code control} measuring
     * the validation control accuracy at a strength. The candidates are measured strongest first, so the search
     * stops at the first that keeps the floor (among candidates of equal magnitude, the earliest in the list wins);
     * the choice is the one a measurement of every candidate would make.
     */
    public static EditStrength choose(List<Double> candidates, double originalControlAccuracy, double keep,
                                      Control control) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate strengths");
        }
        for (int i = 1; i < candidates.size(); i++) {
            if (Math.abs(candidates.get(i)) < Math.abs(candidates.get(i - 1))) {
                throw new IllegalArgumentException("candidate strengths must be given by magnitude, ascending: "
                        + candidates);
            }
        }
        double floor = keep * originalControlAccuracy;
        EditStrength best = null;
        for (int i = candidates.size() - 1; i >= 0; i--) {
            double lambda = candidates.get(i);
            if (best != null && Math.abs(lambda) < Math.abs(best.lambda)) {
                break;
            }
            double acc = control.accuracy(lambda, floor);
            if (acc >= floor) {
                best = new EditStrength(lambda, acc, floor, true);
            }
        }
        if (best != null) {
            return best;
        }
        double weakest = candidates.get(0);
        return new EditStrength(weakest, control.accuracy(weakest, Double.NEGATIVE_INFINITY), floor, false);
    }
}
