package org.lethe.app.cli.model;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code lethe train --sisa --json} prints: the ensemble, its shards' sizes, how long it trained and how
 * well it does on the held-out data.
 *
 * @param model        the ensemble directory
 * @param shards       shard count
 * @param slices       slices per shard
 * @param shardSizes   training examples per shard
 * @param trainSeconds the training's wall time
 * @param testAccuracy held-out accuracy (NaN without held-out data)
 * @param hash         the ensemble's parameter hash
 */
@JsonPropertyOrder({"model", "kind", "shards", "slices", "shard_sizes", "train_seconds", "test_accuracy", "hash"})
record SisaTrainResult(
        String model,
        int shards,
        int slices,
        @JsonProperty("shard_sizes") List<Integer> shardSizes,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("test_accuracy") double testAccuracy,
        String hash) {

    /** The model kind, always {@code sisa}: written so that the output says what was trained. */
    @JsonProperty("kind")
    String kind() {
        return "sisa";
    }
}
