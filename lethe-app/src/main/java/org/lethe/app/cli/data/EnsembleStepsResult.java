package org.lethe.app.cli.data;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code lethe data steps --json} prints for a SISA ensemble: the training stages (shards times slices) that
 * used an example or any example of a subject. The query names either {@code id} or {@code subject}; a note, when
 * no stage used the data, says why. Entries a result does not have are left out.
 *
 * @param model       the ensemble directory
 * @param note        why no stage used the data, or null
 * @param id          the example asked about, or null
 * @param subject     the subject asked about, or null
 * @param examples    the matching training examples
 * @param shards      one row per shard that used them
 * @param stageCount  the stages that used them
 * @param totalStages the ensemble's stages
 */
@JsonPropertyOrder({"model", "note", "id", "subject", "examples", "shards", "stage_count", "total_stages"})
record EnsembleStepsResult(
        String model,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note,
        @JsonInclude(JsonInclude.Include.NON_NULL) String id,
        @JsonInclude(JsonInclude.Include.NON_NULL) String subject,
        List<String> examples,
        List<Shard> shards,
        @JsonProperty("stage_count") int stageCount,
        @JsonProperty("total_stages") int totalStages) {

    /**
     * One shard's stages: an example in slice r fed stages r to the last.
     *
     * @param shard      the shard
     * @param firstSlice the first slice holding the data
     * @param stages     the stages that used it
     */
    @JsonPropertyOrder({"shard", "first_slice", "stages"})
    record Shard(int shard, @JsonProperty("first_slice") int firstSlice, int stages) {
    }
}
