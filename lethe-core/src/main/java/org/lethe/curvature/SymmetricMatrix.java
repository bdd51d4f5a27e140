package org.lethe.curvature;

import java.util.Arrays;

/**
 * A dense symmetric {@code n x n} matrix of doubles, row-major. Kronecker factors are accumulated and stored in
 * double precision because their small eigenvalues decide which directions an edit keeps.
 */
public record SymmetricMatrix(int n, double[] values) {
    public SymmetricMatrix {
        if (n < 1 || values.length != (long) n * n) {
            throw new IllegalArgumentException("a " + n + " x " + n + " matrix needs " + ((long) n * n)
                    + " values, got " + values.length);
        }
    }

    /** The entry at row {@code i}, column {@code j}. */
    public double get(int i, int j) {
        return values[i * n + j];
    }

    /** Sum of the diagonal. */
    public double trace() {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += values[i * n + i];
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymmetricMatrix m && m.n == n && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * n + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SymmetricMatrix[" + n + " x " + n + "]";
    }
}
