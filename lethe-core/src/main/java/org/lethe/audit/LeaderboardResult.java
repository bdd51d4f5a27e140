package org.lethe.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What an {@link UnlearningLeaderboard} measured: per method, N unlearned models scored against N retrained
 * references, with the yardsticks the scores are read against. Figures are not rounded; a figure that could not be
 * measured (a method that failed) is null.
 *
 * @param models                 N, unlearned models per method and retrained references
 * @param trainExamples          training examples of the originals (forget set included)
 * @param forgetExamples         examples in the forget set
 * @param evaluationExamples     held-out examples scored (the evaluation half; methods never read them)
 * @param originals              how the unlearned models' starting points were made, in words
 * @param retrainSeconds         mean wall seconds of one retraining, measured in this run (the time yardstick)
 * @param retrainTimings         retrainings timed for it
 * @param f0                     F of models indistinguishable from retraining at this N (Gaussian estimate from the
 *                               references, as {@code bench audit}'s F0)
 * @param f0Std                  its standard deviation over draws
 * @param f0Permutation          the permutation estimate (re-splits of references and the retrain row), or null
 *                               when the retrain row was not run
 * @param f0PermutationStd       its standard deviation over splits, or null
 * @param retrainedRetainAccuracy mean retain accuracy of the references
 * @param retrainedTestAccuracy  mean evaluation accuracy of the references
 * @param retrainedLossAttackAuc mean loss-attack AUC on the references
 * @param rows                   one row per method, reference rows (original, retrain) first
 * @param wallSeconds            the whole leaderboard's wall time
 */
@JsonPropertyOrder({"models", "train_examples", "forget_examples", "evaluation_examples", "originals",
        "retrain_seconds", "retrain_timings", "f0", "f0_std", "f0_permutation", "f0_permutation_std",
        "retrained_retain_accuracy", "retrained_test_accuracy", "retrained_loss_attack_auc", "rows", "wall_seconds"})
public record LeaderboardResult(
        @JsonProperty("models") int models,
        @JsonProperty("train_examples") int trainExamples,
        @JsonProperty("forget_examples") int forgetExamples,
        @JsonProperty("evaluation_examples") int evaluationExamples,
        @JsonProperty("originals") String originals,
        @JsonProperty("retrain_seconds") double retrainSeconds,
        @JsonProperty("retrain_timings") int retrainTimings,
        @JsonProperty("f0") double f0,
        @JsonProperty("f0_std") double f0Std,
        @JsonProperty("f0_permutation") Double f0Permutation,
        @JsonProperty("f0_permutation_std") Double f0PermutationStd,
        @JsonProperty("retrained_retain_accuracy") double retrainedRetainAccuracy,
        @JsonProperty("retrained_test_accuracy") double retrainedTestAccuracy,
        @JsonProperty("retrained_loss_attack_auc") double retrainedLossAttackAuc,
        @JsonProperty("rows") List<Row> rows,
        @JsonProperty("wall_seconds") double wallSeconds) {

    /** Copies the rows. */
    public LeaderboardResult {
        rows = List.copyOf(rows);
    }

    /**
     * One method's N unlearned models against the references.
     *
     * @param method              the method's registry name, or {@code original} / {@code retrain} for the
     *                            reference rows
     * @param reference           true for the reference rows (no unlearning; retraining)
     * @param parameters          the settings the method ran with, the seed of run 0 among them (run k adds k)
     * @param forgetQuality       F
     * @param finalScore          F x retain accuracy ratio x test accuracy ratio
     * @param finalOverF0         the final score over F0
     * @param retainAccuracyRatio mean retain accuracy, unlearned over retrained
     * @param testAccuracyRatio   mean evaluation accuracy, unlearned over retrained
     * @param uLiraAuc            U-LiRA's AUC telling the unlearned from the retrained models (0.5: cannot)
     * @param lossAttackAuc       the loss-threshold attack's mean AUC on the unlearned models
     * @param retainAccuracy      mean retain accuracy
     * @param forgetAccuracy      mean forget-set accuracy
     * @param testAccuracy        mean evaluation accuracy
     * @param confidenceShift     mean forget-set confidence, unlearned minus retrained (negative: over-forgetting)
     * @param examplesAtCap       forget examples whose epsilon hit the cap (separated perfectly, or a collapsed spread)
     * @param meanSeconds         mean wall seconds of one unlearning run (null for the original)
     * @param timeFraction        that over one retraining's seconds
     * @param timeSource          where the time comes from ("this run", or "cache" when the models were built earlier)
     * @param error               why the row has no scores, or null
     */
    @JsonPropertyOrder({"method", "reference", "parameters", "forget_quality", "final_score", "final_over_f0",
            "retain_accuracy_ratio", "test_accuracy_ratio", "u_lira_auc", "loss_attack_auc", "retain_accuracy",
            "forget_accuracy", "test_accuracy", "confidence_shift", "examples_at_cap", "mean_seconds",
            "time_fraction", "time_source", "error"})
    public record Row(
            @JsonProperty("method") String method,
            @JsonProperty("reference") boolean reference,
            @JsonProperty("parameters") Map<String, Object> parameters,
            @JsonProperty("forget_quality") Double forgetQuality,
            @JsonProperty("final_score") Double finalScore,
            @JsonProperty("final_over_f0") Double finalOverF0,
            @JsonProperty("retain_accuracy_ratio") Double retainAccuracyRatio,
            @JsonProperty("test_accuracy_ratio") Double testAccuracyRatio,
            @JsonProperty("u_lira_auc") Double uLiraAuc,
            @JsonProperty("loss_attack_auc") Double lossAttackAuc,
            @JsonProperty("retain_accuracy") Double retainAccuracy,
            @JsonProperty("forget_accuracy") Double forgetAccuracy,
            @JsonProperty("test_accuracy") Double testAccuracy,
            @JsonProperty("confidence_shift") Double confidenceShift,
            @JsonProperty("examples_at_cap") Integer examplesAtCap,
            @JsonProperty("mean_seconds") Double meanSeconds,
            @JsonProperty("time_fraction") Double timeFraction,
            @JsonProperty("time_source") String timeSource,
            @JsonProperty("error") String error) {
        /** Copies the parameters. */
        public Row {
            parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(parameters));
        }

        /** A row whose method failed: its settings and the error, no scores. */
        static Row failed(String method, Map<String, Object> parameters, String error) {
            return new Row(method, false, parameters, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, error);
        }
    }
}
