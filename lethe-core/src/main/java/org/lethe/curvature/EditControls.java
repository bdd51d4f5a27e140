package org.lethe.curvature;

import java.util.Arrays;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * The controls a curvature edit is compared with, each keeping the same share of directions as the K-FAC edit
 * (editing from the layer's original weights):
 * <ul>
 *   <li>{@link #svdTruncation}: keep the top {@code round(f min(p, q))} singular directions of {@code [W | b]};</li>
 *   <li>{@link #randomBasis}: the K-FAC edit's staircase of kept pairs, but in random orthonormal bases;</li>
 *   <li>{@link #obd}: the same number of pairs in the K-FAC eigenbasis, chosen by the optimal-brain-damage
 *       saliency {@code lambda_i mu_j C_ij^2} instead of by curvature alone.</li>
 * </ul>
 */
public final class EditControls {
    private EditControls() {
    }

    /** Truncates {@code [W | b]} to its top singular directions, as many as the kept fraction of {@code min(p, q)}. */
    public static void svdTruncation(LayerEditor editor, double keptFraction) {
        NDArray wb = editor.originalWeights();
        int p = wb.dim(0);
        int q = wb.dim(1);
        double[] values = wb.toDoubles();
        R064Store m = R064Store.FACTORY.make(p, q);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                m.set(i, j, values[i * q + j]);
            }
        }
        SingularValue<Double> svd = SingularValue.R064.make(m);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("the SVD of layer " + editor.name() + " failed");
        }
        MatrixStore<Double> u = svd.getU();
        MatrixStore<Double> v = svd.getV();
        double[] s = new double[(int) Math.min(u.countColumns(), v.countColumns())];
        svd.getSingularValues(s);
        int rank = (int) Math.max(1, Math.min(s.length, Math.round(keptFraction * Math.min(p, q))));
        double[] out = new double[p * q];
        // ojalgo returns singular values in descending order.
        for (int k = 0; k < rank; k++) {
            for (int i = 0; i < p; i++) {
                double ui = u.doubleValue(i, k) * s[k];
                for (int j = 0; j < q; j++) {
                    out[i * q + j] += ui * v.doubleValue(j, k);
                }
            }
        }
        editor.setWeights(NDArray.of(Real64.INSTANCE, out, p, q));
    }

    /** The K-FAC selection's staircase applied in random orthonormal bases drawn with {@code seed}. */
    public static void randomBasis(LayerEditor editor, KeepMassSelection selection, long seed) {
        Rng rng = new Rng(seed);
        NDArray ug = randomOrthonormal(editor.outputBasis().size(), rng);
        NDArray ua = randomOrthonormal(editor.inputBasis().size(), rng);
        NDArray c = ug.matmul(editor.originalWeights(), true, false).matmul(ua);
        editor.setWeights(LayerEditor.reconstruct(ug, masked(c.toDoubles(), selection, ua.dim(1)), ua));
    }

    /** Keeps the {@code selection.keptPairs()} pairs of largest {@code lambda_i mu_j C_ij^2} in the K-FAC basis. */
    public static void obd(LayerEditor editor, long keptPairs) {
        double[] lambda = editor.outputBasis().values();
        double[] mu = editor.inputBasis().values();
        double[] c = editor.coefficients().toDoubles();
        int q = mu.length;
        double[] saliency = new double[c.length];
        for (int i = 0; i < lambda.length; i++) {
            for (int j = 0; j < q; j++) {
                saliency[i * q + j] = lambda[i] * mu[j] * c[i * q + j] * c[i * q + j];
            }
        }
        double[] sorted = saliency.clone();
        Arrays.sort(sorted);
        int keep = (int) Math.min(keptPairs, c.length);
        double threshold = keep == 0 ? Double.POSITIVE_INFINITY : sorted[sorted.length - keep];
        int kept = 0;
        double[] masked = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            if (saliency[k] > threshold) {
                masked[k] = c[k];
                kept++;
            }
        }
        for (int k = 0; k < c.length && kept < keep; k++) {
            if (saliency[k] == threshold) {
                masked[k] = c[k];
                kept++;
            }
        }
        editor.setWeights(LayerEditor.reconstruct(editor.outputBasis().vectors(), masked, editor.inputBasis().vectors()));
    }

    private static double[] masked(double[] c, KeepMassSelection selection, int q) {
        double[] out = c.clone();
        for (int i = 0; i < selection.rowCounts().length; i++) {
            for (int j = selection.rowCounts()[i]; j < q; j++) {
                out[i * q + j] = 0.0;
            }
        }
        return out;
    }

    /** An orthonormal basis drawn uniformly: the eigenvectors of a Wishart matrix of Gaussian entries. */
    static NDArray randomOrthonormal(int n, Rng rng) {
        double[] x = new double[n * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        NDArray m = NDArray.of(Real64.INSTANCE, x, n, n);
        return Eigenbasis.of(new SymmetricMatrix(n, m.matmul(m, false, true).toDoubles())).vectors();
    }
}
