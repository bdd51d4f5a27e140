package org.lethe.curvature;

import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

/** The {@code [W | b]} matrix of a layer: the weights flattened to rows, the bias as the last column. */
final class WeightColumns {
    private WeightColumns() {
    }

    /** {@code [w | b]} for {@code w} {@code [p, k]} in F64 (returned as is without a bias). */
    static NDArray append(NDArray w, Tensor bias) {
        if (bias == null) {
            return w;
        }
        NDArray b = bias.value().to(Real64.INSTANCE).reshape(w.dim(0), 1);
        return NDArray.concat(1, w, b);
    }

    /** Writes {@code wb} ({@code [p, q]} F64) back: its first columns into {@code weight} (of shape {@code shape}), the last into {@code bias}. */
    static void assign(NDArray wb, Tensor weight, Tensor bias, int[] shape) {
        int p = wb.dim(0);
        int q = wb.dim(1);
        int in = q - (bias == null ? 0 : 1);
        double[] all = wb.toDoubles();
        double[] w = new double[p * in];
        for (int i = 0; i < p; i++) {
            System.arraycopy(all, i * q, w, i * in, in);
        }
        Algebra algebra = weight.value().algebra();
        weight.value().assign(NDArray.of(algebra, w, shape));
        if (bias != null) {
            double[] b = new double[p];
            for (int i = 0; i < p; i++) {
                b[i] = all[i * q + in];
            }
            bias.value().assign(NDArray.of(algebra, b, p));
        }
    }
}
