package org.lethe.app.cli.data;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code lethe data steps --json} prints for a single model: the optimiser steps that used an example or any
 * example of a subject. The query names either {@code id} or {@code subject}, and only a subject's query lists its
 * training examples: entries a query does not have are left out.
 *
 * @param run           the run directory
 * @param id            the example asked about, or null
 * @param subject       the subject asked about, or null
 * @param examples      the subject's training examples, or null for an example's query
 * @param split         {@code train}, or {@code test} when no training example matched
 * @param steps         the steps, ascending
 * @param stepCount     how many
 * @param stepsPerEpoch how many in each epoch
 * @param totalSteps    the run's steps
 */
@JsonPropertyOrder({"run", "id", "subject", "examples", "split", "steps", "step_count", "steps_per_epoch",
        "total_steps"})
record DataStepsResult(
        String run,
        @JsonInclude(JsonInclude.Include.NON_NULL) String id,
        @JsonInclude(JsonInclude.Include.NON_NULL) String subject,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> examples,
        String split,
        int[] steps,
        @JsonProperty("step_count") int stepCount,
        @JsonProperty("steps_per_epoch") int[] stepsPerEpoch,
        @JsonProperty("total_steps") int totalSteps) {
}
