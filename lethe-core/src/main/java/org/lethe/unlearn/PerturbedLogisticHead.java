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
    /** Conjugate-gradient iterations per Newton step at most (it stops earlier at a relative residual of 1e-10). */
    private static final int SOLVER_ITERATIONS = 500;

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
            double[] next = newtonStep(x, y, w).w();
            double moved = 0;
            for (int j = 0; j < w.length; j++) {
                moved = Math.max(moved, Math.abs(next[j] - w[j]));
            }
            w = next;
            // Newton's method converges quadratically near the minimiser: a step this small is the last useful one.
            if (moved < 1e-8 * (1 + norm(w))) {
                break;
            }
        }
        return w;
    }

    /** A Newton step's result and how exactly its linear system was solved. */
    record NewtonStep(double[] w, double solveResidual) {
    }

    /**
     * One Newton step on L over {@code x}, {@code y} from {@code w}: w - H(w)^-1 grad L(w), the system solved by
     * conjugate gradient with Hessian-vector products (two matrix-vector products each, where forming H would
     * cost a product of X with itself). H is positive definite (lambda m > 0), so the solver converges; the norm
     * of what it leaves, |H s - grad L|, is returned so a bound can account for it.
     */
    NewtonStep newtonStep(NDArray x, double[] y, double[] w) {
        double[] g = gradient(x, y, w);
        double[] margins = x.matmul(column(w)).toDoubles();
        double[] curvature = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double s = sigmoid(margins[i]);
            curvature[i] = s * (1 - s);
        }
        double ridge = lambda * y.length;
        ConjugateGradient.Solution step = ConjugateGradient.solve(v -> {
            double[] xv = x.matmul(column(v)).toDoubles();
            for (int i = 0; i < xv.length; i++) {
                xv[i] *= curvature[i];
            }
            double[] hv = x.matmul(column(xv), true, false).toDoubles();
            for (int j = 0; j < hv.length; j++) {
                hv[j] += ridge * v[j];
            }
            return hv;
        }, g, SOLVER_ITERATIONS);
        double[] out = w.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= step.x()[i];
        }
        return new NewtonStep(out, step.relativeResidual() * norm(g));
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
}
