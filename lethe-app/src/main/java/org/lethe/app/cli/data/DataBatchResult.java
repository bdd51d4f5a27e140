package org.lethe.app.cli.data;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code lethe data batch --json} prints: the examples one optimiser step used.
 *
 * @param run         the run directory
 * @param step        the step, from 0
 * @param epoch       its epoch, from 0
 * @param stepInEpoch its place in the epoch, from 0
 * @param size        the batch size
 * @param examples    the batch's examples in order
 */
@JsonPropertyOrder({"run", "step", "epoch", "step_in_epoch", "size", "examples"})
record DataBatchResult(
        String run,
        int step,
        int epoch,
        @JsonProperty("step_in_epoch") int stepInEpoch,
        int size,
        List<Example> examples) {

    /**
     * One example of the batch.
     *
     * @param id      its id
     * @param subject its subject, or null for a run without subjects
     */
    @JsonPropertyOrder({"id", "subject"})
    record Example(String id, String subject) {
    }
}
