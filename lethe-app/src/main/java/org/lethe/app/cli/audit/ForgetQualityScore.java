package org.lethe.app.cli.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.lethe.audit.ForgetQualityResult;

/**
 * What {@code lethe audit score --json} prints, on one line: the forget quality and its per-example figures, and
 * the final score when both accuracy pairs were given (left out otherwise).
 *
 * @param forgetQuality    the forget quality F
 * @param models           unlearned models
 * @param retrainedModels  retrained models
 * @param examples         forget examples
 * @param epsilons         each example's epsilon
 * @param points           each example's points
 * @param finalScore       the final score and its ratios, or null
 */
@JsonPropertyOrder({"forget_quality", "n_models", "n_retrained_models", "n_examples", "epsilons", "points",
        "finalScore"})
record ForgetQualityScore(
        @JsonProperty("forget_quality") double forgetQuality,
        @JsonProperty("n_models") int models,
        @JsonProperty("n_retrained_models") int retrainedModels,
        @JsonProperty("n_examples") int examples,
        double[] epsilons,
        double[] points,
        @JsonUnwrapped FinalScore finalScore) {

    /** The score of {@code r}, with the final score when {@code finalScore} is not null. */
    static ForgetQualityScore of(ForgetQualityResult r, double[] retain, double[] test, Double finalScore) {
        return new ForgetQualityScore(r.forgetQuality(), r.numUnlearnedModels(), r.numRetrainedModels(),
                r.numExamples(), r.epsilons(), r.points(),
                finalScore == null ? null : new FinalScore(retain[0] / retain[1], test[0] / test[1], finalScore));
    }

    /**
     * F times the two accuracy ratios.
     *
     * @param retainAccuracyRatio the unlearned model's retain accuracy over the retrained one's
     * @param testAccuracyRatio   the same for test accuracy
     * @param finalScore          the product
     */
    @JsonPropertyOrder({"retain_accuracy_ratio", "test_accuracy_ratio", "final_score"})
    record FinalScore(
            @JsonProperty("retain_accuracy_ratio") double retainAccuracyRatio,
            @JsonProperty("test_accuracy_ratio") double testAccuracyRatio,
            @JsonProperty("final_score") double finalScore) {
    }
}
