package org.lethe.audit;

/**
 * U-LiRA (Hayes et al., "Inexact unlearning needs more careful evaluations", 2024): LiRA turned on unlearning. For
 * each forget example, shadow models that were unlearned (trained with the example, then had it deleted) and shadow
 * models retrained without it give two samples of its {@link LogitScaledConfidence}; Gaussians fitted to each turn
 * a model's confidence into a likelihood ratio "unlearned rather than retrained". If unlearning were perfect the two
 * samples would come from one distribution and no ratio could tell them apart.
 *
 * <p>{@link #leaveOneOut} measures how well the ratio separates the two kinds of model: every model in turn is the
 * target, scored with Gaussians fitted to the others (so it never scores itself), over every forget example; the
 * scores of unlearned targets are the "members", those of retrained targets the "non-members", and the result's
 * AUC is 0.5 for indistinguishable models and 1 for perfectly separated ones.
 */
public final class UnlearningLira {
    private UnlearningLira() {
    }

    /**
     * The attack over confidence matrices {@code [model][example]}; each kind needs at least 2 models (so that a
     * Gaussian can be fitted to the others when one is left out).
     */
    public static MembershipAttackResult leaveOneOut(double[][] unlearned, double[][] retrained, double minStd) {
        if (unlearned.length < 2 || retrained.length < 2) {
            throw new IllegalArgumentException("U-LiRA needs at least 2 unlearned and 2 retrained models, got "
                    + unlearned.length + " and " + retrained.length);
        }
        int examples = unlearned[0].length;
        for (double[][] m : new double[][][] {unlearned, retrained}) {
            for (double[] row : m) {
                if (row.length != examples) {
                    throw new IllegalArgumentException("U-LiRA: every model needs one confidence per forget example ("
                            + examples + "), got " + row.length);
                }
            }
        }
        double[] members = new double[unlearned.length * examples];
        double[] nonMembers = new double[retrained.length * examples];
        for (int e = 0; e < examples; e++) {
            double[] u = column(unlearned, e);
            double[] r = column(retrained, e);
            GaussianFit uFit = GaussianFit.of(u, minStd);
            GaussianFit rFit = GaussianFit.of(r, minStd);
            for (int i = 0; i < u.length; i++) {
                GaussianFit others = GaussianFit.of(without(u, i), minStd);
                members[i * examples + e] = others.logDensity(u[i]) - rFit.logDensity(u[i]);
            }
            for (int j = 0; j < r.length; j++) {
                GaussianFit others = GaussianFit.of(without(r, j), minStd);
                nonMembers[j * examples + e] = uFit.logDensity(r[j]) - others.logDensity(r[j]);
            }
        }
        return MembershipAttackResult.ofScores(members, nonMembers);
    }

    /**
     * The per-example log likelihood ratio "unlearned rather than retrained" of one model's confidences
     * {@code target[e]}, with Gaussians fitted to all shadow models.
     */
    public static double[] scores(double[] target, double[][] unlearned, double[][] retrained, double minStd) {
        double[] out = new double[target.length];
        for (int e = 0; e < target.length; e++) {
            out[e] = Lira.onlineScore(target[e], column(unlearned, e), column(retrained, e), minStd);
        }
        return out;
    }

    static double[] column(double[][] m, int e) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][e];
        }
        return out;
    }

    private static double[] without(double[] v, int skip) {
        double[] out = new double[v.length - 1];
        for (int i = 0, k = 0; i < v.length; i++) {
            if (i != skip) {
                out[k++] = v[i];
            }
        }
        return out;
    }
}
