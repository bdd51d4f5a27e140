package org.lethe.sketch;

/**
 * A sketch's prediction of a measurement after deleting a set D with weight {@code w} (the model trained with
 * example losses multiplied by {@code 1 - w} on D). Each direction gives an unbiased estimate; the prediction is
 * their mean with its standard error, and the median of the means of {@link #groups()} groups of directions, which
 * is robust to the heavy tails of the higher-order terms. The per-degree values are the same statistics of the
 * partial sums {@code sum_{r <= K}}, and the per-order values those of the single terms {@code T_r(w 1_D)}.
 */
public final class SketchPrediction {
    private final String measurement;
    private final double weight;
    private final int directions;
    private final int groups;
    private final double[] partialMeans;
    private final double[] partialErrors;
    private final double[] partialMedianOfMeans;
    private final double[] termMeans;
    private final double[] termErrors;

    SketchPrediction(String measurement, double weight, int directions, int groups, double[] partialMeans,
                     double[] partialErrors, double[] partialMedianOfMeans, double[] termMeans, double[] termErrors) {
        this.measurement = measurement;
        this.weight = weight;
        this.directions = directions;
        this.groups = groups;
        this.partialMeans = partialMeans;
        this.partialErrors = partialErrors;
        this.partialMedianOfMeans = partialMedianOfMeans;
        this.termMeans = termMeans;
        this.termErrors = termErrors;
    }

    public String measurement() {
        return measurement;
    }

    /** The deletion weight {@code w}: 1 deletes D, 0 is the real run. */
    public double weight() {
        return weight;
    }

    /** The number of directions averaged. */
    public int directions() {
        return directions;
    }

    /** The number of groups of the median of means. */
    public int groups() {
        return groups;
    }

    /** The sketch's truncation order k. */
    public int order() {
        return partialMeans.length - 1;
    }

    /** The prediction: the mean over directions of the degree-k estimate. */
    public double estimate() {
        return partialMeans[order()];
    }

    /** The standard error of {@link #estimate()} (sample standard deviation over directions / sqrt(m)). */
    public double standardError() {
        return partialErrors[order()];
    }

    /** The median of the group means of the degree-k estimate. */
    public double medianOfMeans() {
        return partialMedianOfMeans[order()];
    }

    /** The mean degree-{@code degree} estimate {@code sum_{r <= degree}}. */
    public double estimate(int degree) {
        return partialMeans[degree];
    }

    /** The standard error of {@link #estimate(int)}. */
    public double standardError(int degree) {
        return partialErrors[degree];
    }

    /** The median of means of the degree-{@code degree} estimate. */
    public double medianOfMeans(int degree) {
        return partialMedianOfMeans[degree];
    }

    /** The estimate of the single Taylor term {@code T_r(w 1_D)}. */
    public double term(int r) {
        return termMeans[r];
    }

    /** The standard error of {@link #term(int)}. */
    public double termStandardError(int r) {
        return termErrors[r];
    }

    /** The prediction as the sketch commands write it. */
    public SketchPredictionReport report() {
        return new SketchPredictionReport(measurement, weight, directions, groups, estimate(), standardError(),
                medianOfMeans(), partialMeans.clone(), partialErrors.clone(), partialMedianOfMeans.clone(),
                termMeans.clone(), termErrors.clone());
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s at w=%.3g: %.6f +- %.6f (median of %d means %.6f, %d directions)",
                measurement, weight, estimate(), standardError(), groups, medianOfMeans(), directions);
    }
}
