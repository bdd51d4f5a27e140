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
     * Chooses {@code lambda} from {@code candidates} (given by magnitude, ascending) with
     * {@code controlAccuracy.applyAsDouble(lambda)} the validation control accuracy of the edit at that strength.
     */
    public static EditStrength choose(List<Double> candidates, double originalControlAccuracy, double keep,
                                      DoubleUnaryOperator controlAccuracy) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate strengths");
        }
        double floor = keep * originalControlAccuracy;
        EditStrength best = null;
        for (double lambda : candidates) {
            double acc = controlAccuracy.applyAsDouble(lambda);
            if (acc >= floor && (best == null || Math.abs(lambda) > Math.abs(best.lambda))) {
                best = new EditStrength(lambda, acc, floor, true);
            }
        }
        if (best != null) {
            return best;
        }
        double weakest = candidates.get(0);
        return new EditStrength(weakest, controlAccuracy.applyAsDouble(weakest), floor, false);
    }
}
