package org.lethe.weights;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.tensor.Algebra;
import org.lethe.train.Evaluation;

/**
 * Loss and accuracy along the straight line between two models, {@code (1 - t) A + t B} at evenly spaced
 * {@code t} from 0 to 1, and the barriers: the largest rise of the loss above the straight line between the end
 * points' losses, and the largest fall of the accuracy below the line between their accuracies (both 0 when the
 * path never leaves the chord).
 *
 * @param t           the points, from 0 to 1
 * @param loss        mean cross-entropy at each point
 * @param accuracy    accuracy at each point
 * @param lossBarrier {@code max_t loss(t) - ((1 - t) loss(0) + t loss(1))}, at least 0
 * @param accuracyBarrier {@code max_t ((1 - t) acc(0) + t acc(1)) - acc(t)}, at least 0
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InterpolationPath(List<Double> t, List<Double> loss, List<Double> accuracy, double lossBarrier,
                                double accuracyBarrier) {
    /** Copies the lists. */
    public InterpolationPath {
        t = List.copyOf(t);
        loss = List.copyOf(loss);
        accuracy = List.copyOf(accuracy);
    }

    /**
     * Evaluates {@code points} points (at least 2) on the segment from {@code a} to {@code b} on {@code data},
     * loading each point into {@code scratch}, a model of the same architecture.
     *
     * @param inputShape the model's input shape with a leading 0 for the batch axis, or null for flat features
     */
    public static InterpolationPath measure(WeightSet a, WeightSet b, int points, Layer scratch, Dataset data,
                                            int[] inputShape, Algebra algebra) {
        if (points < 2) {
            throw new IllegalArgumentException("an interpolation path needs at least 2 points, got " + points);
        }
        a.requireSameLayout(b, "other end of the path");
        List<Double> ts = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double t = i / (double) (points - 1);
            a.lerp(b, t).applyTo(scratch);
            Map<String, Double> m = Evaluation.classifier(scratch, data, inputShape, algebra);
            ts.add(t);
            losses.add(m.get("loss"));
            accuracies.add(m.get("accuracy"));
        }
        return new InterpolationPath(ts, losses, accuracies, barrier(ts, losses, 1), barrier(ts, accuracies, -1));
    }

    /** The value at the middle point (between the two middle points' values for an even count). */
    public static double midpoint(List<Double> values) {
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    // The largest excursion of sign * (value - chord), at least 0.
    private static double barrier(List<Double> ts, List<Double> values, int sign) {
        double first = values.get(0);
        double last = values.get(values.size() - 1);
        double worst = 0;
        for (int i = 0; i < ts.size(); i++) {
            double chord = (1 - ts.get(i)) * first + ts.get(i) * last;
            worst = Math.max(worst, sign * (values.get(i) - chord));
        }
        return worst;
    }
}
