package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The linear-probe test: how well a probe on penultimate features reads the labels out of the model and, when
 * given, out of a reference retrained without the forgotten data.
 *
 * @param forgottenClasses classes only the forget set has, ascending (empty unless a class was deleted)
 * @param model the model's readout
 * @param reference the reference's readout, or null
 * @param forgetGap the model's forget-set probe accuracy minus the reference's, or null without a reference
 */
public record ProbeSection(
        @JsonProperty("forgotten_classes") List<Integer> forgottenClasses,
        @JsonProperty("model") Readout model,
        @JsonProperty("reference") Readout reference,
        @JsonProperty("forget_gap") Double forgetGap) implements AuditSection {
    /** Copies {@code forgottenClasses}. */
    public ProbeSection {
        forgottenClasses = List.copyOf(forgottenClasses);
    }

    /**
     * One model's probe accuracies.
     *
     * @param forgetAccuracy on the forgotten examples
     * @param retainAccuracy on held-out retained examples
     * @param testAccuracy on test examples
     * @param fitAccuracy on the examples the probe was fitted on
     * @param fitExamples how many those were
     */
    public record Readout(
            @JsonProperty("forget_accuracy") double forgetAccuracy,
            @JsonProperty("retain_accuracy") double retainAccuracy,
            @JsonProperty("test_accuracy") double testAccuracy,
            @JsonProperty("fit_accuracy") double fitAccuracy,
            @JsonProperty("fit_examples") int fitExamples) {
    }
}
