package org.lethe.unlearn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.io.JsonFiles;
import org.lethe.store.DeletionRecord;

/**
 * What a replay or retrain deletion recomputed, the {@code recomputed} section of its {@link DeletionRecord}. The key
 * names and their order are the record's format; a golden test holds them fixed.
 *
 * @param firstAffectedStep the first step whose batch held deleted data
 * @param restoredAfterStep the checkpoint training restarted from (0: from scratch, as {@code retrain} always does)
 * @param stepsReplayed     steps trained again
 * @param stepsTotal        steps of the new run
 */
@JsonPropertyOrder({"first_affected_step", "restored_after_step", "steps_replayed", "steps_total"})
public record ReplayRecomputed(
        @JsonProperty(value = "first_affected_step", required = true) int firstAffectedStep,
        @JsonProperty(value = "restored_after_step", required = true) int restoredAfterStep,
        @JsonProperty(value = "steps_replayed", required = true) int stepsReplayed,
        @JsonProperty(value = "steps_total", required = true) int stepsTotal) {

    /** The section of a replay or retrain deletion's record. */
    public static ReplayRecomputed of(DeletionRecord record) {
        return JsonFiles.convert(record.recomputed(), ReplayRecomputed.class, true);
    }
}
