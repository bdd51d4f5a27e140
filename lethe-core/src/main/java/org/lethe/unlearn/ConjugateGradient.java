package org.lethe.unlearn;

import java.util.function.UnaryOperator;

/**
 * Conjugate gradient for {@code A x = b} with A given only as products, A symmetric; for second-order deletion
 * steps, where A is a damped Hessian. A network's Hessian may have negative curvature however it is damped: the
 * solver then stops at the last iterate before the offending direction (truncated CG, as in Steihaug's method),
 * which is still a descent step for the quadratic model.
 */
final class ConjugateGradient {
    /** The iterate, how many iterations produced it, its residual relative to b, and why it stopped. */
    record Solution(double[] x, int iterations, double relativeResidual, boolean negativeCurvature) {
    }

    private ConjugateGradient() {
    }

    static Solution solve(UnaryOperator<double[]> a, double[] b, int maxIterations) {
        int n = b.length;
        double[] x = new double[n];
        double[] r = b.clone();
        double[] d = b.clone();
        double bNorm = Math.sqrt(dot(b, b));
        double rr = dot(r, r);
        if (bNorm == 0) {
            return new Solution(x, 0, 0, false);
        }
        int it = 0;
        while (it < maxIterations && Math.sqrt(rr) > 1e-10 * bNorm) {
            double[] ad = a.apply(d);
            double curvature = dot(d, ad);
            if (!(curvature > 0)) {
                return new Solution(x, it, Math.sqrt(rr) / bNorm, true);
            }
            double alpha = rr / curvature;
            for (int i = 0; i < n; i++) {
                x[i] += alpha * d[i];
                r[i] -= alpha * ad[i];
            }
            double next = dot(r, r);
            double beta = next / rr;
            for (int i = 0; i < n; i++) {
                d[i] = r[i] + beta * d[i];
            }
            rr = next;
            it++;
        }
        return new Solution(x, it, Math.sqrt(rr) / bNorm, false);
    }

    static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }
}
