package org.lethe.curvature;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

/**
 * How fast and how accurately a factor-sized symmetric matrix decomposes: a seeded positive semi-definite
 * {@code n x n} matrix (a Gram matrix, like A), decomposed with {@link Eigenbasis#of}.
 *
 * @param n                   the dimension
 * @param seconds             the decomposition's wall time (median of the repeats)
 * @param matmulSeconds       one {@code n x n} product in the same run, the baseline
 * @param relativeResidual    {@code ||M - U diag U^T||_F / ||M||_F}
 * @param orthogonalityError  {@code max |U^T U - I|}
 */
public record EigenTiming(int n, double seconds,
                          @JsonProperty("matmul_seconds") double matmulSeconds,
                          @JsonProperty("relative_residual") double relativeResidual,
                          @JsonProperty("orthogonality_error") double orthogonalityError) {
    /** Measures with {@code repeats} decompositions (after one warm-up). */
    public static EigenTiming measure(int n, int repeats, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        NDArray xm = NDArray.of(Real64.INSTANCE, x, n, n);
        long m0 = System.nanoTime();
        NDArray gram = xm.matmul(xm, false, true);
        double matmul = (System.nanoTime() - m0) / 1e9;
        SymmetricMatrix m = new SymmetricMatrix(n, gram.toDoubles());
        Eigenbasis e = Eigenbasis.of(m);
        double[] times = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            e = Eigenbasis.of(m);
            times[r] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(times);
        NDArray u = e.vectors();
        double[] scaled = u.toDoubles();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                scaled[i * n + k] *= e.values()[k];
            }
        }
        double[] back = NDArray.of(Real64.INSTANCE, scaled, n, n).matmul(u, false, true).toDoubles();
        double num = 0;
        double den = 0;
        for (int i = 0; i < back.length; i++) {
            double d = back[i] - m.values()[i];
            num += d * d;
            den += m.values()[i] * m.values()[i];
        }
        double[] utu = u.matmul(u, true, false).toDoubles();
        double orth = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                orth = Math.max(orth, Math.abs(utu[i * n + j] - (i == j ? 1 : 0)));
            }
        }
        return new EigenTiming(n, times[repeats / 2], matmul, Math.sqrt(num / den), orth);
    }
}
