package org.lethe.audit;

/**
 * How the challenge metric turns an example's epsilon into points: buckets of width 0.5 starting at 0 earn
 * 1, 1/2, 1/4, ...; buckets exist while their upper end is at most {@code ceil(ln(N - 1))} for N unlearned models
 * (a rough bound on the largest epsilon N samples can certify); an epsilon earns the points of the first bucket
 * whose upper end exceeds it, or 0 past the last bucket. With N = 2 there is no bucket and every example earns 0.
 */
public final class ScoreBuckets {
    /** Width of one bucket, in units of epsilon. */
    public static final double BUCKET_WIDTH = 0.5;

    private final int numModels;
    private final double maxEpsilon;
    private final double[] upperEnds;
    private final double[] points;

    /** The buckets for {@code numModels} unlearned models (at least 2). */
    public ScoreBuckets(int numModels) {
        if (numModels < 2) {
            throw new IllegalArgumentException("forget-quality buckets need at least 2 models, got " + numModels);
        }
        this.numModels = numModels;
        this.maxEpsilon = Math.ceil(Math.log(numModels - 1));
        int count = 0;
        for (double end = BUCKET_WIDTH; end <= maxEpsilon; end += BUCKET_WIDTH) {
            count++;
        }
        upperEnds = new double[count];
        points = new double[count];
        double p = 1;
        for (int b = 0; b < count; b++) {
            upperEnds[b] = (b + 1) * BUCKET_WIDTH;
            points[b] = p;
            p /= 2;
        }
    }

    /** The number of models the buckets were made for. */
    public int numModels() {
        return numModels;
    }

    /** {@code ceil(ln(N - 1))}: no bucket ends above it. */
    public double maxEpsilon() {
        return maxEpsilon;
    }

    /** The number of buckets that earn points. */
    public int count() {
        return upperEnds.length;
    }

    /** The lower end of bucket {@code b}. */
    public double lowerEnd(int b) {
        return b * BUCKET_WIDTH;
    }

    /** The upper end (exclusive) of bucket {@code b}. */
    public double upperEnd(int b) {
        return upperEnds[b];
    }

    /** The points bucket {@code b} earns: {@code 2^-b}. */
    public double pointsOf(int b) {
        return points[b];
    }

    /** The bucket {@code epsilon} falls in, or {@link #count()} when it earns nothing. */
    public int bucketOf(double epsilon) {
        for (int b = 0; b < upperEnds.length; b++) {
            if (epsilon < upperEnds[b]) {
                return b;
            }
        }
        return upperEnds.length;
    }

    /** The points {@code epsilon} earns. */
    public double points(double epsilon) {
        int b = bucketOf(epsilon);
        return b < points.length ? points[b] : 0.0;
    }
}
