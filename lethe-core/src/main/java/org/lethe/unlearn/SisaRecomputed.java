package org.lethe.unlearn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.io.JsonFiles;
import org.lethe.store.DeletionRecord;

/**
 * What a SISA deletion recomputed, the {@code recomputed} section of its {@link DeletionRecord}: the shards that
 * held deleted data, and in each the first slice retrained (every later slice of that shard was retrained too).
 * The key names and their order are the record's format; a golden test holds them fixed.
 *
 * @param shards              the retrained shards, ascending
 * @param firstRetrainedSlice by retrained shard, its first retrained slice (counting from 1)
 * @param stagesRetrained     shard-slice stages trained again
 * @param stagesTotal         the ensemble's stages (shards times slices)
 */
@JsonPropertyOrder({"shards", "first_retrained_slice", "stages_retrained", "stages_total"})
public record SisaRecomputed(
        @JsonProperty(required = true) List<Integer> shards,
        @JsonProperty(value = "first_retrained_slice", required = true) Map<Integer, Integer> firstRetrainedSlice,
        @JsonProperty(value = "stages_retrained", required = true) int stagesRetrained,
        @JsonProperty(value = "stages_total", required = true) int stagesTotal) {

    /** Copies the collections, keeping the slices in shard order. */
    public SisaRecomputed {
        shards = List.copyOf(shards);
        firstRetrainedSlice = Collections.unmodifiableMap(new LinkedHashMap<>(firstRetrainedSlice));
    }

    /** The section of a SISA deletion's record. */
    public static SisaRecomputed of(DeletionRecord record) {
        return JsonFiles.convert(record.recomputed(), SisaRecomputed.class, true);
    }
}
