package org.lethe.curvature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.nn.HookedLayer;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Parallel;
import org.lethe.tensor.Real64;

/**
 * Edits one linear layer in its K-FAC eigenbasis: with {@code Wb = [W | b]}, {@code G = U_G diag(lambda) U_G^T} and
 * {@code A = U_A diag(mu) U_A^T}, the coefficients {@code C = U_G^T Wb U_A} are masked to the kept pairs and mapped
 * back, {@code Wb' = U_G (C * M) U_A^T}. The decompositions and {@code C} are computed once, so one editor serves a
 * sweep of keep-masses; {@link #restore} puts the original weights back between trials.
 */
public final class LayerEditor {
    private final String name;
    private final KfacLayer layer;
    private final Eigenbasis g;
    private final Eigenbasis a;
    private final NDArray original;
    private final NDArray coefficients;

    private LayerEditor(String name, KfacLayer layer, Eigenbasis g, Eigenbasis a) {
        this.name = name;
        this.layer = layer;
        this.g = g;
        this.a = a;
        this.original = layer.weights();
        this.coefficients = g.vectors().matmul(original, true, false).matmul(a.vectors());
    }

    /**
     * An editor of {@code layer} (linear, or convolutional with its kernel flattened to {@code [out, in * kh * kw]})
     * with its factors; the factors' shapes must match the layer.
     */
    public static LayerEditor of(String name, HookedLayer module, LayerFactors factors) {
        KfacLayer layer = checked(name, module, factors);
        return new LayerEditor(name, layer, Eigenbasis.of(factors.g()), Eigenbasis.of(factors.a()));
    }

    /**
     * Editors of every layer in {@code layers} with its factors from {@code factors}, in the map's order. The
     * eigendecompositions are independent, so they run in parallel, largest first; each is the same as
     * {@link #of}'s.
     */
    public static Map<String, LayerEditor> all(Map<String, ? extends HookedLayer> layers, KfacFactors factors) {
        List<String> names = new ArrayList<>(layers.keySet());
        List<KfacLayer> kfac = new ArrayList<>();
        List<SymmetricMatrix> matrices = new ArrayList<>();
        for (String name : names) {
            LayerFactors f = factors.layer(name);
            kfac.add(checked(name, layers.get(name), f));
            matrices.add(f.g());
            matrices.add(f.a());
        }
        Integer[] largestFirst = new Integer[matrices.size()];
        Arrays.setAll(largestFirst, k -> k);
        Arrays.sort(largestFirst, (x, y) -> Integer.compare(matrices.get(y).n(), matrices.get(x).n()));
        Eigenbasis[] bases = new Eigenbasis[matrices.size()];
        Parallel.forEachChunk(bases.length, k -> bases[largestFirst[k]] = Eigenbasis.of(matrices.get(largestFirst[k])));
        Map<String, LayerEditor> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), new LayerEditor(names.get(i), kfac.get(i), bases[2 * i], bases[2 * i + 1]));
        }
        return out;
    }

    private static KfacLayer checked(String name, HookedLayer module, LayerFactors factors) {
        KfacLayer layer = KfacLayer.of(module);
        int q = layer.inputSize();
        int p = layer.outputSize();
        if (factors.a().n() != q || factors.g().n() != p) {
            throw new IllegalArgumentException("factors of " + name + " are A " + factors.a().n() + " x "
                    + factors.a().n() + " and G " + factors.g().n() + " x " + factors.g().n() + "; the layer needs "
                    + q + " x " + q + " and " + p + " x " + p);
        }
        return layer;
    }

    /** The layer's name. */
    public String name() {
        return name;
    }

    /** {@code G}'s eigenbasis (the output side). */
    public Eigenbasis outputBasis() {
        return g;
    }

    /** {@code A}'s eigenbasis (the input side). */
    public Eigenbasis inputBasis() {
        return a;
    }

    /** {@code C = U_G^T [W | b] U_A}, {@code [p, q]} in F64. */
    public NDArray coefficients() {
        return coefficients;
    }

    /** {@code [W | b]} as it was before any edit, {@code [p, q]} in F64. */
    public NDArray originalWeights() {
        return original;
    }

    /** Which pairs keep-mass {@code rho} keeps. */
    public KeepMassSelection select(double rho) {
        return KeepMassSelection.select(g.values(), a.values(), rho);
    }

    /** Edits the layer at keep-mass {@code rho} (from its original weights) and reports what was kept. */
    public LayerEdit apply(double rho) {
        KeepMassSelection s = select(rho);
        int p = g.size();
        int q = a.size();
        double[] masked = coefficients.toDoubles();
        for (int i = 0; i < p; i++) {
            for (int j = s.rowCounts()[i]; j < q; j++) {
                masked[i * q + j] = 0.0;
            }
        }
        setWeights(reconstruct(g.vectors(), masked, a.vectors()));
        return new LayerEdit(name, rho, s.keptPairs(), s.totalPairs(), s.keptFraction(),
                s.totalMass() == 0 ? 0 : s.keptMass() / s.totalMass());
    }

    /** {@code U (C * M) V^T} for a masked coefficient array in row-major order. */
    static NDArray reconstruct(NDArray u, double[] maskedCoefficients, NDArray v) {
        NDArray c = NDArray.of(Real64.INSTANCE, maskedCoefficients, u.dim(1), v.dim(1));
        return u.matmul(c).matmul(v, false, true);
    }

    /** Puts the original weights back. */
    public void restore() {
        setWeights(original);
    }

    /** Sets {@code [W | b]} from a {@code [p, q]} F64 array. */
    void setWeights(NDArray wb) {
        layer.setWeights(wb);
    }
}
