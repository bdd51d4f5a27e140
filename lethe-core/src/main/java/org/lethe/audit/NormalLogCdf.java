package org.lethe.audit;

import org.lethe.tensor.Erf;

/** log Phi(z) of the standard normal, accurate in both tails (where Phi underflows or rounds to 1). */
final class NormalLogCdf {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    // Below this, erfc(-z / sqrt 2) nears underflow; the asymptotic series is accurate to ~1e-16 there.
    private static final double SERIES_BELOW = -37;

    private NormalLogCdf() {
    }

    static double logPhi(double z) {
        if (Double.isNaN(z)) {
            return z;
        }
        if (z >= 0) {
            // Phi is near 1: log1p of the small upper tail keeps its digits.
            return Math.log1p(-0.5 * Erf.erfc(z * SQRT_HALF));
        }
        if (z > SERIES_BELOW) {
            return Math.log(0.5 * Erf.erfc(-z * SQRT_HALF));
        }
        if (z == Double.NEGATIVE_INFINITY) {
            return z;
        }
        // Phi(z) = phi(z) / (-z) * (1 - 1/z^2 + 3/z^4 - 15/z^6 + 105/z^8 - ...) for z -> -infinity.
        double w = 1 / (z * z);
        double series = 1 - w * (1 - w * (3 - w * (15 - w * 105)));
        return -0.5 * z * z - Math.log(-z) - HALF_LOG_TWO_PI + Math.log(series);
    }
}
