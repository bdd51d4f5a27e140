package org.lethe.nn;

import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/** Seeded parameter initialisers. Values are drawn in double precision, then converted to the algebra. */
public final class Init {
    private Init() {
    }

    /** Uniform in {@code [-bound, bound]}. */
    public static NDArray uniform(Algebra algebra, Rng rng, double bound, int... shape) {
        int n = org.lethe.tensor.Shapes.size(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2.0 * rng.nextDouble() - 1.0) * bound;
        }
        return NDArray.of(algebra, v, shape);
    }

    /** Normal with mean 0 and the given standard deviation. */
    public static NDArray normal(Algebra algebra, Rng rng, double std, int... shape) {
        int n = org.lethe.tensor.Shapes.size(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian() * std;
        }
        return NDArray.of(algebra, v, shape);
    }
}
