package org.lethe.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A SISA ensemble's {@code sisa.json}: its layout (shards, slices, epochs per slice, how shards vote) and the
 * architecture, training configuration and data every shard shares. The key names and their order are the file
 * format; a golden test holds them fixed.
 *
 * @param shards         disjoint parts of the training data, one model each
 * @param slices         parts of a shard, trained one after another with a checkpoint after each
 * @param epochsPerSlice epochs over each growing prefix of slices
 * @param aggregation    how the shard models' outputs are combined
 * @param architecture   each shard's model
 * @param training       each shard's training configuration
 * @param data           the ensemble's data and the deletions' exclusions
 */
@JsonPropertyOrder({"format", "shards", "slices", "epochs_per_slice", "aggregation", "architecture", "training",
        "data"})
public record SisaDescription(
        int shards,
        int slices,
        @JsonProperty("epochs_per_slice") int epochsPerSlice,
        String aggregation,
        ModelSpec architecture,
        TrainConfig training,
        DataDescription data) {
    /** The format tag, written first. */
    public static final String FORMAT = "lethe.sisa.v1";

    /** Refuses a missing section or aggregation. */
    public SisaDescription {
        StoredSetup.requireSections(architecture, training, data);
        if (aggregation == null) {
            throw new IllegalArgumentException("SISA description has no aggregation");
        }
    }

    // Jackson reads through this factory so that the format tag is checked and the layout is required.
    @JsonCreator
    static SisaDescription read(@JsonProperty("format") String format,
                                @JsonProperty(value = "shards", required = true) int shards,
                                @JsonProperty(value = "slices", required = true) int slices,
                                @JsonProperty(value = "epochs_per_slice", required = true) int epochsPerSlice,
                                @JsonProperty(value = "aggregation", required = true) String aggregation,
                                @JsonProperty(value = "architecture", required = true) ModelSpec architecture,
                                @JsonProperty(value = "training", required = true) TrainConfig training,
                                @JsonProperty(value = "data", required = true) DataDescription data) {
        StoredSetup.requireFormat(format, FORMAT);
        return new SisaDescription(shards, slices, epochsPerSlice, aggregation, architecture, training, data);
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }
}
