package org.lethe.curvature;

import java.util.List;
import java.util.Map;
import org.lethe.nn.HookedLayer;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.ForgetProblem;
import org.lethe.unlearn.MethodParameter;

/**
 * A forget-set-targeted curvature edit ({@code kfac-forget}): the K-FAC factors of every linear layer are collected
 * on the retained examples and on the forget set; in the retain factors' eigenbasis, the pair {@code (i, j)} has
 * retain curvature {@code lambda_i mu_j} and forget curvature {@code (u_i^T G_F u_i)(v_j^T A_F v_j)}. Pairs whose
 * forget curvature exceeds {@code ratio} times their retain curvature (directions the forget set bends sharply and
 * the rest of the data hardly uses) are zeroed. No optimiser step is taken; the only randomness is the sampled
 * Fisher's, seeded. (One factor per forget example, a pair dropped when any example passes the ratio, was tried on
 * the memorising leaderboard at ratios from 10 to 10,000: at best it scored what the unedited original scores, within
 * the score's run-to-run spread of this rule's; docs/benchmarks.md.)
 */
public final class CurvatureForgetting {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("kfac-forget")
            .approximate(CurvatureForgetting::apply)
            .parameter(MethodParameter.real("ratio", 10.0,
                    "drop eigen-pairs whose forget-set curvature exceeds this many times their retain-set curvature"))
            .summary("approximate: zeroes K-FAC eigen-directions with high forget-set and low retain-set curvature")
            .build();

    private CurvatureForgetting() {
    }

    private static void apply(ForgetProblem p) {
        double ratio = p.settings().real("ratio");
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("ratio must be positive and finite, got " + ratio);
        }
        Map<String, HookedLayer> layers = EditableLayers.all(p.model());
        KfacFactors retain = new FactorCollector(p.model(), layers, FisherKind.EMPIRICAL, p.seed())
                .collect(p.trainTask(), p.retain());
        KfacFactors forget = new FactorCollector(p.model(), layers, FisherKind.EMPIRICAL, p.seed())
                .collect(p.trainTask(), p.forget());
        long[] counts = dropPairs(layers, retain, forget, ratio);
        p.note("dropped_pairs", counts[0]);
        p.note("total_pairs", counts[1]);
        p.note("layers", List.copyOf(layers.keySet()));
    }

    /**
     * Zeroes, in each layer, the eigen-pairs of {@code retain}'s factors whose curvature under {@code forget}'s
     * factors exceeds {@code ratio} times their retain curvature; the layers' weights are replaced in place.
     *
     * @return the dropped and the total number of pairs
     */
    public static long[] dropPairs(Map<String, ? extends HookedLayer> layers, KfacFactors retain, KfacFactors forget,
                                   double ratio) {
        return dropPairs(layers, retain, List.of(forget), ratio);
    }

    /**
     * As {@link #dropPairs(Map, KfacFactors, KfacFactors, double)}, with the forget set's factors collected per group
     * (per memorised item): a pair is zeroed when <em>any</em> group's curvature exceeds {@code ratio} times its
     * retain curvature. Averaged over all the groups, one item's sharp direction is diluted by the others (the
     * reason memorisation sits low in the whole data's spectrum), so a single factor can miss it.
     *
     * @return the dropped and the total number of pairs
     */
    public static long[] dropPairs(Map<String, ? extends HookedLayer> layers, KfacFactors retain,
                                   List<KfacFactors> forgetGroups, double ratio) {
        if (forgetGroups.isEmpty() || forgetGroups.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("dropping pairs needs at least one forget factor, and no null ones");
        }
        long dropped = 0;
        long total = 0;
        for (Map.Entry<String, LayerEditor> e : LayerEditor.all(layers, retain).entrySet()) {
            LayerEditor editor = e.getValue();
            double[] lambda = editor.outputBasis().values();
            double[] mu = editor.inputBasis().values();
            double[] c = editor.coefficients().toDoubles();
            int q = mu.length;
            boolean[] drop = new boolean[c.length];
            for (KfacFactors forget : forgetGroups) {
                LayerFactors f = forget.layer(e.getKey());
                double[] lambdaF = projected(editor.outputBasis(), f.g());
                double[] muF = projected(editor.inputBasis(), f.a());
                for (int i = 0; i < lambda.length; i++) {
                    for (int j = 0; j < q; j++) {
                        drop[i * q + j] |= lambdaF[i] * muF[j] > ratio * lambda[i] * mu[j];
                    }
                }
            }
            for (int k = 0; k < c.length; k++) {
                if (drop[k]) {
                    c[k] = 0.0;
                    dropped++;
                }
            }
            total += (long) lambda.length * q;
            editor.setWeights(LayerEditor.reconstruct(editor.outputBasis().vectors(), c, editor.inputBasis().vectors()));
        }
        return new long[] {dropped, total};
    }

    /** {@code u_k^T M u_k} for every eigenvector {@code u_k} of the basis. */
    private static double[] projected(Eigenbasis basis, SymmetricMatrix m) {
        int n = basis.size();
        NDArray u = basis.vectors();
        double[] mu = NDArray.of(Real64.INSTANCE, m.values(), n, n).matmul(u).toDoubles();
        double[] uu = u.toDoubles();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                out[k] += uu[i * n + k] * mu[i * n + k];
            }
        }
        return out;
    }
}
