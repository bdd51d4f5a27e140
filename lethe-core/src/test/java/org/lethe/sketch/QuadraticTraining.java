package org.lethe.sketch;

import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/**
 * A training whose outcome is known in closed form: a point {@code p} in {@code R^d} takes one SGD step of rate
 * {@code eta} per example on the linear loss {@code (1 - x_i) <a_i, p>}, so {@code p = b + eta sum_i x_i a_i} with
 * {@code b = p_0 - eta sum_i a_i}, and the measurement {@code |p|^2} has Taylor terms
 * {@code T_0 = |b|^2}, {@code T_1(x) = 2 eta sum_i x_i <b, a_i>}, {@code T_2(x) = eta^2 |sum_i x_i a_i|^2} and no others.
 */
final class QuadraticTraining implements WeightedTraining {
    static final double ETA = 0.3;
    final int n;
    final int d;
    final double[][] a;
    final double[] p0;

    QuadraticTraining(int n, int d, long seed) {
        this.n = n;
        this.d = d;
        Rng rng = new Rng(seed);
        a = new double[n][d];
        p0 = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < d; j++) {
            p0[j] = rng.nextGaussian();
        }
    }

    static final class Point extends Module {
        final Tensor p;

        Point(Algebra algebra, double[] init) {
            p = addParameter("p", NDArray.of(algebra, init, init.length));
        }
    }

    @Override
    public int exampleCount() {
        return n;
    }

    @Override
    public Module newModel(Algebra algebra) {
        return new Point(algebra, p0);
    }

    @Override
    public Module train(Algebra algebra, LossWeights weights, StepListener listener) {
        Point model = new Point(algebra, p0);
        Sgd sgd = new Sgd(model.trainableParameters(), ETA, 0.0);
        for (int i = 0; i < n; i++) {
            Tensor loss = model.p.mul(Tensor.constant(NDArray.of(algebra, a[i], d))).sum();
            NDArray w = weights.weight(i, algebra);
            if (w != null) {
                loss = loss.mul(Tensor.constant(w));
            }
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
        }
        return model;
    }

    /** {@code |p|^2}. */
    Measurement squaredNorm() {
        return new Measurement() {
            @Override
            public String name() {
                return "|p|^2";
            }

            @Override
            public NDArray evaluate(Module model) {
                NDArray p = ((Point) model).p.value();
                return p.mul(p).sumAll();
            }
        };
    }

    /**
     * {@code (sum_j p_j)^3}, a cubic in x: with {@code u = B + eta sum_i x_i A_i} ({@code A_i = sum_j a_ij}), its
     * terms at {@code 1_D} are {@code B^3, 3 B^2 v, 3 B v^2, v^3} with {@code v = eta sum_{i in D} A_i}.
     */
    Measurement cubedSum() {
        return new Measurement() {
            @Override
            public String name() {
                return "(sum p)^3";
            }

            @Override
            public NDArray evaluate(Module model) {
                NDArray u = ((Point) model).p.value().sumAll();
                return u.mul(u).mul(u);
            }
        };
    }

    /** The exact Taylor terms of {@link #cubedSum()} at {@code 1_D}. */
    double[] cubicTerms(int[] deleted) {
        double b = 0;
        for (int j = 0; j < d; j++) {
            b += p0[j];
            for (int i = 0; i < n; i++) {
                b -= ETA * a[i][j];
            }
        }
        double v = 0;
        for (int i : deleted) {
            for (int j = 0; j < d; j++) {
                v += ETA * a[i][j];
            }
        }
        return new double[] {b * b * b, 3 * b * b * v, 3 * b * v * v, v * v * v};
    }

    /** The exact Taylor terms {@code T_0, T_1(1_D), T_2(1_D)}. */
    double[] terms(int[] deleted) {
        double[] b = p0.clone();
        double[] s = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                b[j] -= ETA * a[i][j];
            }
        }
        for (int i : deleted) {
            for (int j = 0; j < d; j++) {
                s[j] += a[i][j];
            }
        }
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        for (int j = 0; j < d; j++) {
            t0 += b[j] * b[j];
            t1 += 2 * ETA * b[j] * s[j];
            t2 += ETA * ETA * s[j] * s[j];
        }
        return new double[] {t0, t1, t2};
    }
}
