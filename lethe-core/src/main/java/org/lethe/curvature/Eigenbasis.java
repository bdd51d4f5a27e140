package org.lethe.curvature;

import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * The symmetric eigendecomposition {@code M = U diag(values) U^T} of a Kronecker factor, eigenvalues in descending
 * order and tiny negative ones (rounding in a positive semi-definite sum) clamped to zero.
 *
 * @param values  eigenvalues, descending, all {@code >= 0}
 * @param vectors {@code U} as an {@code [n, n]} F64 array, column {@code k} the eigenvector of {@code values[k]}
 */
public record Eigenbasis(double[] values, NDArray vectors) {
    /** Decomposes {@code m} with ojalgo's symmetric eigensolver. */
    public static Eigenbasis of(SymmetricMatrix m) {
        int n = m.n();
        R064Store store = R064Store.FACTORY.make(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // Averaging the two triangles keeps the input exactly symmetric whatever rounding made it.
                store.set(i, j, 0.5 * (m.get(i, j) + m.get(j, i)));
            }
        }
        Eigenvalue<Double> evd = Eigenvalue.R064.make(store, true);
        if (!evd.decompose(store)) {
            throw new IllegalStateException("the eigendecomposition of a " + n + " x " + n + " factor failed");
        }
        MatrixStore<Double> d = evd.getD();
        MatrixStore<Double> v = evd.getV();
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
            raw[k] = d.doubleValue(k, k);
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            int src = order[k];
            values[k] = Math.max(0.0, raw[src]);
            for (int i = 0; i < n; i++) {
                vectors[i * n + k] = v.doubleValue(i, src);
            }
        }
        return new Eigenbasis(values, NDArray.of(Real64.INSTANCE, vectors, n, n));
    }

    /** The dimension {@code n}. */
    public int size() {
        return values.length;
    }

    /** Sum of the (clamped) eigenvalues. */
    public double mass() {
        double s = 0;
        for (double x : values) {
            s += x;
        }
        return s;
    }
}
