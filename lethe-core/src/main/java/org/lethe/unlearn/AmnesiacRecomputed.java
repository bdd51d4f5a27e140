package org.lethe.unlearn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.io.JsonFiles;
import org.lethe.store.DeletionRecord;

/**
 * What an amnesiac deletion recomputed, the {@code recomputed} section of its {@link DeletionRecord}. The key names
 * and their order are the record's format; a golden test holds them fixed.
 *
 * @param stepsReverted    recorded updates subtracted (the steps whose batch held deleted data)
 * @param fineTuneSteps    optimiser steps on retained data after the subtraction
 * @param repairSteps      further fine-tune steps taken to restore retained accuracy (0: none)
 * @param updateBytesOnDisk the size of the run's recorded updates, the storage this method costs
 * @param repairAccuracyMet whether the repaired model reached {@code repair_accuracy} of the original's accuracy on
 *                          the retained sample the repair checks (false: its step budget ran out first); absent when
 *                          there was no repair target (a language model, {@code repair_accuracy} 0) and in records
 *                          written before the figure existed
 */
@JsonPropertyOrder({"steps_reverted", "fine_tune_steps", "repair_steps", "update_bytes_on_disk",
        "repair_accuracy_met"})
public record AmnesiacRecomputed(
        @JsonProperty("steps_reverted") int stepsReverted,
        @JsonProperty("fine_tune_steps") int fineTuneSteps,
        @JsonProperty("repair_steps") int repairSteps,
        @JsonProperty("update_bytes_on_disk") long updateBytesOnDisk,
        @JsonProperty("repair_accuracy_met") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean repairAccuracyMet) {

    // Records written before repair steps existed lack the key: they took none.
    @JsonCreator
    static AmnesiacRecomputed read(@JsonProperty(value = "steps_reverted", required = true) int stepsReverted,
                                   @JsonProperty(value = "fine_tune_steps", required = true) int fineTuneSteps,
                                   @JsonProperty("repair_steps") Integer repairSteps,
                                   @JsonProperty(value = "update_bytes_on_disk", required = true)
                                   long updateBytesOnDisk,
                                   @JsonProperty("repair_accuracy_met") Boolean repairAccuracyMet) {
        return new AmnesiacRecomputed(stepsReverted, fineTuneSteps, repairSteps == null ? 0 : repairSteps,
                updateBytesOnDisk, repairAccuracyMet);
    }

    /** The section of an amnesiac deletion's record. */
    public static AmnesiacRecomputed of(DeletionRecord record) {
        return JsonFiles.convert(record.recomputed(), AmnesiacRecomputed.class, false);
    }
}
