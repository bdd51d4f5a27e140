package org.lethe.curvature;

/**
 * Which Kronecker eigen-pairs {@code (i, j)} an edit keeps: those of largest {@code lambda_i mu_j}, in descending
 * order, until their mass reaches {@code rho (sum lambda)(sum mu)}. With both spectra sorted, the pairs whose
 * product is at least {@code t} form a staircase, and its count and mass take one binary search per row
 * ({@code O(p log q)}); the smallest staircase reaching the target is found by bisection over the bit patterns of
 * the threshold, so no {@code p x q} array of products is made or sorted.
 *
 * @param threshold   keep exactly the pairs with {@code lambda_i mu_j >= threshold} ({@code +inf}: none; 0: all)
 * @param keptPairs   how many pairs are kept
 * @param totalPairs  {@code p q}
 * @param keptMass    their mass, {@code sum lambda_i mu_j}
 * @param totalMass   {@code (sum lambda)(sum mu)}
 * @param rowCounts   per eigenvalue {@code lambda_i}, how many leading {@code mu_j} are kept with it
 */
public record KeepMassSelection(double threshold, long keptPairs, long totalPairs, double keptMass, double totalMass,
                                int[] rowCounts) {
    /** The share of pairs kept. */
    public double keptFraction() {
        return totalPairs == 0 ? 0 : (double) keptPairs / totalPairs;
    }

    /** True when pair {@code (i, j)} is kept. */
    public boolean keeps(int i, int j) {
        return j < rowCounts[i];
    }

    /**
     * Selects at keep-mass {@code rho} over descending spectra {@code lambda} ({@code p}) and {@code mu} ({@code q}).
     * {@code rho >= 1} keeps every pair.
     */
    public static KeepMassSelection select(double[] lambda, double[] mu, double rho) {
        if (!(rho > 0)) {
            throw new IllegalArgumentException("keep-mass must be positive, got " + rho);
        }
        double[] prefixMu = new double[mu.length + 1];
        for (int j = 0; j < mu.length; j++) {
            if (j > 0 && mu[j] > mu[j - 1]) {
                throw new IllegalArgumentException("the spectra must be sorted in descending order");
            }
            prefixMu[j + 1] = prefixMu[j] + mu[j];
        }
        double sumLambda = 0;
        for (double l : lambda) {
            sumLambda += l;
        }
        double total = sumLambda * prefixMu[mu.length];
        long totalPairs = (long) lambda.length * mu.length;
        if (rho >= 1 || total <= 0) {
            return staircase(lambda, mu, prefixMu, rho >= 1 ? 0.0 : Double.POSITIVE_INFINITY, total, totalPairs, rho >= 1);
        }
        double target = rho * total;
        // The kept mass only grows as the threshold falls; find the largest positive threshold that reaches the
        // target. Positive doubles order like their bit patterns, so bisecting the bits is exact.
        long lo = 0;                                       // bits of 0.0: reaches the target (keeps all mass)
        long hi = Double.doubleToRawLongBits(Double.MAX_VALUE) + 1;
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            double t = Double.longBitsToDouble(mid);
            if (massAtLeast(lambda, mu, prefixMu, t) >= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return staircase(lambda, mu, prefixMu, Double.longBitsToDouble(lo), total, totalPairs, false);
    }

    private static double massAtLeast(double[] lambda, double[] mu, double[] prefixMu, double t) {
        double mass = 0;
        for (double l : lambda) {
            int count = countAtLeast(l, mu, t);
            if (count == 0) {
                break;
            }
            mass += l * prefixMu[count];
        }
        return mass;
    }

    // How many leading mu_j have l * mu_j >= t (the product is non-increasing in j because mu is sorted).
    private static int countAtLeast(double l, double[] mu, double t) {
        int lo = 0;
        int hi = mu.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (l * mu[mid] >= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static KeepMassSelection staircase(double[] lambda, double[] mu, double[] prefixMu, double t, double total,
                                               long totalPairs, boolean all) {
        int[] rows = new int[lambda.length];
        long kept = 0;
        double mass = 0;
        for (int i = 0; i < lambda.length; i++) {
            rows[i] = all ? mu.length : countAtLeast(lambda[i], mu, t);
            kept += rows[i];
            mass += lambda[i] * prefixMu[rows[i]];
        }
        return new KeepMassSelection(t, kept, totalPairs, mass, total, rows);
    }
}
