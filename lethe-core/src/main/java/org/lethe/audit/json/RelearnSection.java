package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The relearning-time test of a model and, when given, of a reference retrained without the forgotten data.
 *
 * @param model the model's relearning
 * @param reference the reference's, or null
 * @param stepRatio the model's steps over the reference's, or null without a reference
 */
public record RelearnSection(
        @JsonProperty("model") Run model,
        @JsonProperty("reference") Run reference,
        @JsonProperty("step_ratio") Double stepRatio) implements AuditSection {

    /**
     * How fast one model relearnt the forgotten examples.
     *
     * @param steps optimiser steps until the target was reached, or the cap
     * @param reached whether the target was reached within the cap
     * @param target the forget accuracy aimed at
     * @param startForgetAccuracy forget accuracy before relearning
     * @param endForgetAccuracy forget accuracy after the last step
     * @param forgetAccuracyCurve forget accuracy before any step and after each
     */
    public record Run(
            @JsonProperty("steps") int steps,
            @JsonProperty("reached") boolean reached,
            @JsonProperty("target") double target,
            @JsonProperty("start_forget_accuracy") double startForgetAccuracy,
            @JsonProperty("end_forget_accuracy") double endForgetAccuracy,
            @JsonProperty("forget_accuracy_curve") List<Double> forgetAccuracyCurve) {
        /** Copies the curve. */
        public Run {
            forgetAccuracyCurve = List.copyOf(forgetAccuracyCurve);
        }
    }
}
