package org.lethe.audit;

/** The outcome of {@link ForgetQuality#score}: F, and the epsilon and points of every forget example. */
public final class ForgetQualityResult {
    private final double[] epsilons;
    private final double[] points;
    private final ScoreBuckets buckets;
    private final int numUnlearnedModels;
    private final int numRetrainedModels;
    private final double forgetQuality;

    ForgetQualityResult(double[] epsilons, ScoreBuckets buckets, int numUnlearnedModels, int numRetrainedModels) {
        this.epsilons = epsilons.clone();
        this.buckets = buckets;
        this.numUnlearnedModels = numUnlearnedModels;
        this.numRetrainedModels = numRetrainedModels;
        this.points = new double[epsilons.length];
        double sum = 0;
        for (int i = 0; i < epsilons.length; i++) {
            points[i] = buckets.points(epsilons[i]);
            sum += points[i];
        }
        this.forgetQuality = epsilons.length == 0 ? Double.NaN : sum / epsilons.length;
    }

    /** F: the mean points over forget examples, in [0, 1]; NaN without examples. */
    public double forgetQuality() {
        return forgetQuality;
    }

    /** The epsilon of each forget example, in [0, 50]. */
    public double[] epsilons() {
        return epsilons.clone();
    }

    /** The points of each forget example. */
    public double[] points() {
        return points.clone();
    }

    /** The buckets that turned epsilons into points. */
    public ScoreBuckets buckets() {
        return buckets;
    }

    /** How many examples fall in each bucket; the last entry counts the examples that earned nothing. */
    public int[] bucketCounts() {
        int[] counts = new int[buckets.count() + 1];
        for (double e : epsilons) {
            counts[buckets.bucketOf(e)]++;
        }
        return counts;
    }

    /** N, the number of unlearned models (it sets the buckets). */
    public int numUnlearnedModels() {
        return numUnlearnedModels;
    }

    /** The number of retrained models. */
    public int numRetrainedModels() {
        return numRetrainedModels;
    }

    /** The number of forget examples. */
    public int numExamples() {
        return epsilons.length;
    }
}
