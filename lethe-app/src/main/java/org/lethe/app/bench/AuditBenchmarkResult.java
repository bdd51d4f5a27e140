package org.lethe.app.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@link AuditBenchmark} measured, serialised with Jackson to the keys of {@code lethe bench audit --json}.
 * Scores, ratios and times are rounded to four decimals.
 *
 * @param data                   the data set ({@code digits})
 * @param trainExamples          training examples
 * @param heldOutExamples        held-out examples
 * @param forgetExamples         examples in the forget set
 * @param model                  the MLP's widths, as {@code mlp 784-H-10}
 * @param training               the training settings, described
 * @param sisa                   the SISA set-up, described
 * @param modelsPerSide          N, the models retrained and unlearned per audit
 * @param amnesiacStepsReverted  training steps the amnesiac deletion reverted
 * @param trainingSteps          the original's training steps
 * @param amnesiacFineTuneSteps  the amnesiac deletion's fine-tuning steps
 * @param rows                   one row per audited method
 * @param bestPossibleF          the F that unlearning indistinguishable from retraining gets at this N
 * @param wallSeconds            the whole benchmark's wall time
 */
@JsonPropertyOrder({"data", "train_examples", "held_out_examples", "forget_examples", "model", "training", "sisa",
        "models_per_side", "amnesiac_steps_reverted", "training_steps", "amnesiac_fine_tune_steps", "rows",
        "best_possible_f", "wall_seconds"})
public record AuditBenchmarkResult(
        @JsonProperty("data") String data,
        @JsonProperty("train_examples") int trainExamples,
        @JsonProperty("held_out_examples") int heldOutExamples,
        @JsonProperty("forget_examples") int forgetExamples,
        @JsonProperty("model") String model,
        @JsonProperty("training") String training,
        @JsonProperty("sisa") String sisa,
        @JsonProperty("models_per_side") int modelsPerSide,
        @JsonProperty("amnesiac_steps_reverted") int amnesiacStepsReverted,
        @JsonProperty("training_steps") int trainingSteps,
        @JsonProperty("amnesiac_fine_tune_steps") int amnesiacFineTuneSteps,
        @JsonProperty("rows") List<Row> rows,
        @JsonProperty("best_possible_f") BestPossibleF bestPossibleF,
        @JsonProperty("wall_seconds") double wallSeconds) {

    /** Copies the rows so that a result never changes after it is made. */
    public AuditBenchmarkResult {
        rows = List.copyOf(rows);
    }

    /**
     * The audit of one deletion method's model.
     *
     * @param method               the method, described
     * @param forgetQuality        F, the NeurIPS 2023 forget quality
     * @param fIfIndistinguishable F0, the F of models indistinguishable from retraining at this N
     * @param finalScore           the competition's final score
     * @param confidenceShift      mean forget-set confidence under the unlearned minus the retrained models
     * @param retainAccuracyRatio  unlearned over retrained mean retain accuracy
     * @param testAccuracyRatio    unlearned over retrained mean held-out accuracy
     * @param miaAuc               the loss-threshold attack's AUC on the audited model
     * @param miaAucRetrained      its mean AUC on the retrained references
     * @param uLiraAuc             the U-LiRA attack's AUC, or null when it was not measured (written as null)
     * @param testAccuracy         the audited model's held-out accuracy
     * @param forgetAccuracy       its accuracy on the forget set
     * @param deletionSeconds      the deletion's wall time (0 for the original)
     * @param auditSeconds         the audit's wall time
     * @param modelsBuilt          comparison models the audit trained or unlearned
     * @param modelsFromCache      comparison models reused from the cache
     * @param verdict              the audit's verdict paragraph
     */
    @JsonPropertyOrder({"method", "forget_quality", "f_if_indistinguishable", "final_score", "confidence_shift",
            "retain_accuracy_ratio", "test_accuracy_ratio", "mia_auc", "mia_auc_retrained", "u_lira_auc",
            "test_accuracy", "forget_accuracy", "deletion_seconds", "audit_seconds", "models_built",
            "models_from_cache", "verdict"})
    public record Row(
            @JsonProperty("method") String method,
            @JsonProperty("forget_quality") double forgetQuality,
            @JsonProperty("f_if_indistinguishable") double fIfIndistinguishable,
            @JsonProperty("final_score") double finalScore,
            @JsonProperty("confidence_shift") double confidenceShift,
            @JsonProperty("retain_accuracy_ratio") double retainAccuracyRatio,
            @JsonProperty("test_accuracy_ratio") double testAccuracyRatio,
            @JsonProperty("mia_auc") double miaAuc,
            @JsonProperty("mia_auc_retrained") double miaAucRetrained,
            @JsonProperty("u_lira_auc") Double uLiraAuc,
            @JsonProperty("test_accuracy") double testAccuracy,
            @JsonProperty("forget_accuracy") double forgetAccuracy,
            @JsonProperty("deletion_seconds") double deletionSeconds,
            @JsonProperty("audit_seconds") double auditSeconds,
            @JsonProperty("models_built") int modelsBuilt,
            @JsonProperty("models_from_cache") int modelsFromCache,
            @JsonProperty("verdict") String verdict) {
    }

    /**
     * The F of two sets of models drawn from the same distribution at this N: what the best possible unlearning
     * gets, against which the rows' F are read.
     *
     * @param permutationMean               mean F over random re-splits of two independent sets of retrained models
     * @param permutationStd                its standard deviation
     * @param gaussianMean                  mean F of two sets drawn from normals fitted to the retrained confidences
     * @param gaussianStd                   its standard deviation
     * @param splits                        the re-splits (and Gaussian draws)
     * @param sisaPermutationMean           the permutation estimate for SISA ensembles
     * @param sisaPermutationStd            its standard deviation
     * @param retrainF                      the retrain row's F
     * @param retrainRelativeToPermutation  the retrain row's F over the permutation mean
     * @param originalRelativeToPermutation the original's F over the permutation mean
     * @param maxEpsilon                    ceil(ln(N - 1)), the largest epsilon the score's buckets reach at this N
     */
    @JsonPropertyOrder({"permutation_mean", "permutation_std", "gaussian_mean", "gaussian_std", "splits",
            "sisa_permutation_mean", "sisa_permutation_std", "retrain_f", "retrain_relative_to_permutation",
            "original_relative_to_permutation", "max_epsilon"})
    public record BestPossibleF(
            @JsonProperty("permutation_mean") double permutationMean,
            @JsonProperty("permutation_std") double permutationStd,
            @JsonProperty("gaussian_mean") double gaussianMean,
            @JsonProperty("gaussian_std") double gaussianStd,
            @JsonProperty("splits") int splits,
            @JsonProperty("sisa_permutation_mean") double sisaPermutationMean,
            @JsonProperty("sisa_permutation_std") double sisaPermutationStd,
            @JsonProperty("retrain_f") double retrainF,
            @JsonProperty("retrain_relative_to_permutation") double retrainRelativeToPermutation,
            @JsonProperty("original_relative_to_permutation") double originalRelativeToPermutation,
            @JsonProperty("max_epsilon") double maxEpsilon) {
    }
}
