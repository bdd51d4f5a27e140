package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The forget quality F of the NeurIPS 2023 unlearning challenge, with what indistinguishable models would score.
 *
 * @param forgetQuality F
 * @param expectedIfIndistinguishable the mean F of models indistinguishable from retraining (Gaussian estimate)
 * @param expectedStd its standard deviation
 * @param relativeToExpected F over that mean, or null when undefined
 * @param finalScore the challenge's final score
 * @param retainAccuracyRatio unlearned over retrained mean retain accuracy
 * @param testAccuracyRatio unlearned over retrained mean held-out accuracy
 * @param meanConfidenceShift mean confidence of the unlearned models minus the retrained ones'
 * @param unlearnedModels unlearned models scored
 * @param retrainedModels retrained models scored
 * @param examples forgotten examples scored
 * @param maxEpsilon the upper end of the last scoring bucket
 * @param bucketCounts examples per epsilon bucket
 * @param epsilons each example's epsilon
 */
public record ForgetQualitySection(
        @JsonProperty("forget_quality") double forgetQuality,
        @JsonProperty("expected_if_indistinguishable") double expectedIfIndistinguishable,
        @JsonProperty("expected_std") double expectedStd,
        @JsonProperty("relative_to_expected") Double relativeToExpected,
        @JsonProperty("final_score") double finalScore,
        @JsonProperty("retain_accuracy_ratio") double retainAccuracyRatio,
        @JsonProperty("test_accuracy_ratio") double testAccuracyRatio,
        @JsonProperty("mean_confidence_shift") double meanConfidenceShift,
        @JsonProperty("unlearned_models") int unlearnedModels,
        @JsonProperty("retrained_models") int retrainedModels,
        @JsonProperty("examples") int examples,
        @JsonProperty("max_epsilon") double maxEpsilon,
        @JsonProperty("bucket_counts") List<Integer> bucketCounts,
        @JsonProperty("epsilons") List<Double> epsilons) {
    /** Copies the lists. */
    public ForgetQualitySection {
        bucketCounts = List.copyOf(bucketCounts);
        epsilons = List.copyOf(epsilons);
    }
}
