package org.lethe.weights;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/**
 * Ways of combining several models (or task vectors) into one: weighted averaging, Fisher-weighted averaging
 * (Matena and Raffel, 2022), TIES merging (Yadav et al., 2023: trim, elect sign, disjoint mean) and DARE (Yu et
 * al., 2024: drop and rescale). Averages take models; TIES and DARE take task vectors from one shared base and
 * return the merged vector, to be added to the base.
 */
public final class Merges {
    private Merges() {
    }

    /** {@code sum_i c_i theta_i}; coefficients are used as given (pass weights summing to 1 for an average). */
    public static WeightSet average(List<WeightSet> models, double[] coefficients) {
        requireCount(models, coefficients.length);
        WeightSet out = models.get(0).scale(coefficients[0]);
        for (int i = 1; i < models.size(); i++) {
            out = out.plusScaled(coefficients[i], models.get(i));
        }
        return out;
    }

    /** The plain average of {@code models}. */
    public static WeightSet average(List<WeightSet> models) {
        double[] c = new double[models.size()];
        Arrays.fill(c, 1.0 / models.size());
        return average(models, c);
    }

    /**
     * Fisher-weighted average: each weight is {@code sum_i F_i theta_i / sum_i F_i} with {@code F_i} model
     * {@code i}'s diagonal Fisher ({@link DiagonalFisher}) plus {@code epsilon}, so a weight no model is
     * sensitive to falls back to the plain average.
     */
    public static WeightSet fisher(List<WeightSet> models, List<WeightSet> fishers, double epsilon) {
        requireCount(models, fishers.size());
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        WeightSet first = models.get(0);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : first.names()) {
            NDArray like = first.get(name);
            double[] num = new double[like.size()];
            double[] den = new double[like.size()];
            for (int i = 0; i < models.size(); i++) {
                models.get(i).requireSameLayout(first, "first model");
                fishers.get(i).requireSameLayout(first, "first model");
                double[] theta = models.get(i).get(name).toDoubles();
                double[] f = fishers.get(i).get(name).toDoubles();
                for (int k = 0; k < num.length; k++) {
                    double w = f[k] + epsilon;
                    num[k] += w * theta[k];
                    den[k] += w;
                }
            }
            for (int k = 0; k < num.length; k++) {
                num[k] /= den[k];
            }
            out.put(name, NDArray.of(like.algebra(), num, like.shape()));
        }
        return WeightSet.owning(out);
    }

    /**
     * TIES: keeps each vector's largest-magnitude fraction {@code density} of entries (over all its weights),
     * elects each entry's sign as the sign of the sum of the kept values, and averages the kept values that agree
     * with it. Returns the merged task vector.
     */
    public static WeightSet ties(List<WeightSet> vectors, double density) {
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("density must be in (0, 1], got " + density);
        }
        requireCount(vectors, vectors.size());
        double[] thresholds = new double[vectors.size()];
        for (int i = 0; i < vectors.size(); i++) {
            vectors.get(i).requireSameLayout(vectors.get(0), "first vector");
            thresholds[i] = magnitudeQuantile(vectors.get(i), density);
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : vectors.get(0).names()) {
            NDArray like = vectors.get(0).get(name);
            double[][] kept = new double[vectors.size()][];
            double[] total = new double[like.size()];
            for (int i = 0; i < vectors.size(); i++) {
                kept[i] = vectors.get(i).get(name).toDoubles();
                for (int k = 0; k < total.length; k++) {
                    if (Math.abs(kept[i][k]) < thresholds[i]) {
                        kept[i][k] = 0;
                    }
                    total[k] += kept[i][k];
                }
            }
            double[] merged = new double[total.length];
            for (int k = 0; k < total.length; k++) {
                double sign = Math.signum(total[k]);
                double sum = 0;
                int agreeing = 0;
                for (double[] v : kept) {
                    if (v[k] != 0 && Math.signum(v[k]) == sign) {
                        sum += v[k];
                        agreeing++;
                    }
                }
                merged[k] = agreeing == 0 ? 0 : sum / agreeing;
            }
            out.put(name, NDArray.of(like.algebra(), merged, like.shape()));
        }
        return WeightSet.owning(out);
    }

    /**
     * DARE: drops each entry of each vector with probability {@code dropRate} (seeded), rescales the survivors by
     * {@code 1 / (1 - dropRate)} so the vector is unchanged in expectation, and sums the vectors.
     */
    public static WeightSet dare(List<WeightSet> vectors, double dropRate, long seed) {
        if (!(dropRate >= 0 && dropRate < 1)) {
            throw new IllegalArgumentException("drop rate must be in [0, 1), got " + dropRate);
        }
        requireCount(vectors, vectors.size());
        Map<String, NDArray> out = new LinkedHashMap<>();
        double keep = 1 / (1 - dropRate);
        for (int i = 0; i < vectors.size(); i++) {
            vectors.get(i).requireSameLayout(vectors.get(0), "first vector");
        }
        int p = 0;
        for (String name : vectors.get(0).names()) {
            NDArray like = vectors.get(0).get(name);
            double[] sum = new double[like.size()];
            for (int i = 0; i < vectors.size(); i++) {
                // One stream per (vector, weight): the mask of a weight does not depend on the weights before it.
                Rng rng = new Rng(Rng.derive(Rng.derive(seed, i), p));
                double[] v = vectors.get(i).get(name).toDoubles();
                for (int k = 0; k < sum.length; k++) {
                    if (rng.nextDouble() >= dropRate) {
                        sum[k] += v[k] * keep;
                    }
                }
            }
            out.put(name, NDArray.of(like.algebra(), sum, like.shape()));
            p++;
        }
        return WeightSet.owning(out);
    }

    // The magnitude above which the top fraction `density` of entries lie.
    private static double magnitudeQuantile(WeightSet v, double density) {
        double[] all = new double[(int) v.size()];
        int k = 0;
        for (NDArray a : v.values().values()) {
            for (double x : a.toDoubles()) {
                all[k++] = Math.abs(x);
            }
        }
        Arrays.sort(all);
        int keep = (int) Math.ceil(density * all.length);
        return keep >= all.length ? 0 : all[all.length - keep];
    }

    private static void requireCount(List<WeightSet> models, int coefficients) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        if (coefficients != models.size()) {
            throw new IllegalArgumentException(models.size() + " models but " + coefficients + " coefficients");
        }
    }
}
