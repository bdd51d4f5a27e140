package org.lethe.unlearn;

import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

/**
 * One class's binary logistic regression with loss perturbation (Guo et al. 2020, "Certified data removal from
 * machine learning models"): on examples X (rows, norms at most 1) with labels y in {-1, +1} it minimises
 * {@code L(w) = sum_i log(1 + exp(-y_i w.x_i)) + lambda m / 2 |w|^2 + b.w}, m the number of examples and b a random
 * vector drawn once at training time. L is strongly convex, so Newton's method finds its minimiser and one Newton
 * step on the remaining examples approximates the minimiser without removed ones; how well, the gradient-residual
 * bound says. Arithmetic is in f64 with matrix products through {@link NDArray}.
 */
final class PerturbedLogisticHead {
    /** Lipschitz constant of the logistic loss's second derivative, which the residual bound scales with. */
    static final double GAMMA = 0.25;

    private final double lambda;
    private final double[] b;

    PerturbedLogisticHead(double lambda, double[] b) {
        this.lambda = lambda;
        this.b = b.clone();
    }

    /** Minimises L over {@code x} (m x d) with labels {@code y} by Newton's method from zero. */
    double[] fit(NDArray x, double[] y, int iterations) {
        double[] w = new double[b.length];
        for (int it = 0; it < iterations; it++) {
            double[] next = newtonStep(x, y, w);
            double moved = 0;
            for (int j = 0; j < w.length; j++) {
                moved = Math.max(moved, Math.abs(next[j] - w[j]));
            }
            w = next;
            // Newton's method converges quadratically near the minimiser: a step this small is the last useful one.
            if (moved < 1e-10 * (1 + norm(w))) {
                break;
            }
        }
        return w;
    }

    /** One Newton step on L over {@code x}, {@code y} from {@code w}: w - H(w)^-1 grad L(w). */
    double[] newtonStep(NDArray x, double[] y, double[] w) {
        double[] g = gradient(x, y, w);
        double[] step = Cholesky.solve(hessian(x, y, w), g);
        double[] out = w.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= step[i];
        }
        return out;
    }

    /** The gradient of L over {@code x}, {@code y} at {@code w}. */
    double[] gradient(NDArray x, double[] y, double[] w) {
        double[] margins = x.matmul(column(w)).toDoubles();
        double[] coefficients = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            coefficients[i] = -y[i] * sigmoid(-y[i] * margins[i]);
        }
        double[] g = x.matmul(column(coefficients), true, false).toDoubles();
        int m = y.length;
        for (int j = 0; j < g.length; j++) {
            g[j] += lambda * m * w[j] + b[j];
        }
        return g;
    }

    /** The Hessian of L over {@code x}, {@code y} at {@code w}, d x d row-major. */
    double[][] hessian(NDArray x, double[] y, double[] w) {
        double[] margins = x.matmul(column(w)).toDoubles();
        double[] curvature = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double s = sigmoid(margins[i]);
            curvature[i] = s * (1 - s);
        }
        NDArray weighted = x.mul(column(curvature));
        double[] h = weighted.matmul(x, true, false).toDoubles();
        int d = w.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(h, i * d, out[i], 0, d);
            out[i][i] += lambda * y.length;
        }
        return out;
    }

    /**
     * Guo et al.'s data-dependent bound on the gradient residual |grad L(w + step)| after a Newton step {@code step}
     * on examples {@code x}: gamma |X|_2 |step| |X step|, with the spectral norm |X|_2 given.
     */
    static double residualBound(NDArray x, double spectralNorm, double[] step) {
        return GAMMA * spectralNorm * norm(step) * norm(x.matmul(column(step)).toDoubles());
    }

    /** The largest singular value of {@code x}, by power iteration on X^T X (an upper estimate after convergence). */
    static double spectralNorm(NDArray x, int iterations) {
        int d = x.shape()[1];
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1 / Math.sqrt(d));
        double sigma = 0;
        for (int it = 0; it < iterations; it++) {
            double[] xv = x.matmul(column(v)).toDoubles();
            double[] u = x.matmul(column(xv), true, false).toDoubles();
            double n = norm(u);
            if (n == 0) {
                return 0;
            }
            for (int i = 0; i < d; i++) {
                v[i] = u[i] / n;
            }
            sigma = Math.sqrt(n);
        }
        return sigma;
    }

    static double norm(double[] v) {
        return Math.sqrt(ConjugateGradient.dot(v, v));
    }

    private static NDArray column(double[] v) {
        return NDArray.of(Real64.INSTANCE, v, v.length, 1);
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Solves symmetric positive definite systems. */
    static final class Cholesky {
        private Cholesky() {
        }

        static double[] solve(double[][] a, double[] rhs) {
            int n = rhs.length;
            double[][] l = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = a[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i][k] * l[j][k];
                    }
                    if (i == j) {
                        if (!(s > 0)) {
                            throw new IllegalStateException("matrix is not positive definite");
                        }
                        l[i][i] = Math.sqrt(s);
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                double s = rhs[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * z[k];
                }
                z[i] = s / l[i][i];
            }
            double[] x = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                double s = z[i];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k][i] * x[k];
                }
                x[i] = s / l[i][i];
            }
            return x;
        }
    }
}
