package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Utility of the audited model next to the references: accuracies, agreement and divergence.
 *
 * @param model the audited model's accuracy on each set
 * @param retrainedMeanAccuracy the references' mean accuracy on each set
 * @param unlearnedMeanAccuracy the unlearned models' mean accuracy, or null when there are none
 * @param retrainedMeanPerClass the references' mean per-class accuracies
 * @param agreementWithRetrained how often the references predict what the audited model predicts
 * @param klRetrainedToModel mean KL divergence from the references' predictions to the audited model's (nats)
 */
public record UtilitySection(
        @JsonProperty("model") ModelAccuracy model,
        @JsonProperty("retrained_mean_accuracy") PerSet retrainedMeanAccuracy,
        @JsonProperty("unlearned_mean_accuracy") PerSet unlearnedMeanAccuracy,
        @JsonProperty("retrained_mean_per_class") PerClass retrainedMeanPerClass,
        @JsonProperty("agreement_with_retrained") PerSet agreementWithRetrained,
        @JsonProperty("kl_retrained_to_model") PerSet klRetrainedToModel) {

    /**
     * The audited model's accuracy on the three sets.
     *
     * @param retain on the retained training examples
     * @param forget on the forgotten examples
     * @param heldOut on held-out examples
     */
    public record ModelAccuracy(
            @JsonProperty("retain") Accuracy retain,
            @JsonProperty("forget") Accuracy forget,
            @JsonProperty("held_out") Accuracy heldOut) {
    }

    /**
     * Accuracy on one set, overall and per class.
     *
     * @param accuracy the fraction predicted right, or null without examples
     * @param examples the number of examples
     * @param perClass each class's accuracy, null for a class without examples
     * @param perClassExamples each class's number of examples
     */
    public record Accuracy(
            @JsonProperty("accuracy") Double accuracy,
            @JsonProperty("examples") int examples,
            @JsonProperty("per_class") List<Double> perClass,
            @JsonProperty("per_class_examples") List<Integer> perClassExamples) {
        /** Copies the lists. */
        public Accuracy {
            perClass = Lists.copyWithNulls(perClass);
            perClassExamples = List.copyOf(perClassExamples);
        }
    }

    /**
     * One number per set, null where undefined (e.g. a mean over no models).
     *
     * @param retain on the retained training examples
     * @param forget on the forgotten examples
     * @param heldOut on held-out examples
     */
    public record PerSet(
            @JsonProperty("retain") Double retain,
            @JsonProperty("forget") Double forget,
            @JsonProperty("held_out") Double heldOut) {
    }

    /**
     * Per-class accuracies, null for a class without examples.
     *
     * @param heldOut on held-out examples
     * @param forget on the forgotten examples
     */
    public record PerClass(
            @JsonProperty("held_out") List<Double> heldOut,
            @JsonProperty("forget") List<Double> forget) {
        /** Copies the lists. */
        public PerClass {
            heldOut = Lists.copyWithNulls(heldOut);
            forget = Lists.copyWithNulls(forget);
        }
    }
}
