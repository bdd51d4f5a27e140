package org.lethe.audit;

/** A normal distribution fitted to samples: mean and population standard deviation, the latter floored. */
public final class GaussianFit {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final double mean;
    private final double std;

    /** The normal with this mean and standard deviation ({@code std > 0}). */
    public GaussianFit(double mean, double std) {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("a Gaussian needs a finite mean and a finite positive std, got mean "
                    + mean + ", std " + std);
        }
        this.mean = mean;
        this.std = std;
    }

    /**
     * The fit to {@code samples} (at least one, all finite): their mean and their standard deviation with divisor n
     * (as NumPy's default), raised to {@code minStd} if smaller, so that a few identical samples cannot make a
     * zero-width Gaussian.
     */
    public static GaussianFit of(double[] samples, double minStd) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("cannot fit a Gaussian to no samples");
        }
        if (!(minStd > 0) || !Double.isFinite(minStd)) {
            throw new IllegalArgumentException("minimum std must be finite and positive, got " + minStd);
        }
        double sum = 0;
        for (double v : samples) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("cannot fit a Gaussian to a non-finite sample: " + v);
            }
            sum += v;
        }
        double mean = sum / samples.length;
        double squares = 0;
        for (double v : samples) {
            squares += (v - mean) * (v - mean);
        }
        return new GaussianFit(mean, Math.max(Math.sqrt(squares / samples.length), minStd));
    }

    /** The mean. */
    public double mean() {
        return mean;
    }

    /** The standard deviation (after the floor). */
    public double std() {
        return std;
    }

    /** log of the density at {@code x}. */
    public double logDensity(double x) {
        double z = (x - mean) / std;
        return -0.5 * z * z - Math.log(std) - HALF_LOG_TWO_PI;
    }

    /** log P(X <= x), accurate far into both tails. */
    public double logCdf(double x) {
        return NormalLogCdf.logPhi((x - mean) / std);
    }
}
