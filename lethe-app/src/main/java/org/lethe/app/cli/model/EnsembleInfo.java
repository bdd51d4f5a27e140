package org.lethe.app.cli.model;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.train.ModelSpec;

/**
 * What {@code lethe info --json} prints for a SISA ensemble: its layout, data, seed, the ensemble hash with whether
 * every shard matched its file, and the version line.
 *
 * @param model              the ensemble directory
 * @param architecture       each shard's architecture
 * @param shards             shards
 * @param slices             slices per shard
 * @param epochsPerSlice     epochs per slice stage
 * @param aggregation        how shards vote
 * @param activeShards       shards holding data
 * @param dataset            the ensemble's data
 * @param seed               the training seed
 * @param damaged            why a shard does not match its file; absent when all do
 * @param parametersSha256   the ensemble hash
 * @param parametersVerified whether every shard matched its recorded hash
 * @param versions           the version line
 */
@JsonPropertyOrder({"model", "kind", "architecture", "shards", "slices", "epochs_per_slice", "aggregation",
        "active_shards", "dataset", "seed", "damaged", "parameters_sha256", "parameters_verified", "versions"})
record EnsembleInfo(
        String model,
        ModelSpec architecture,
        int shards,
        int slices,
        @JsonProperty("epochs_per_slice") int epochsPerSlice,
        String aggregation,
        @JsonProperty("active_shards") int activeShards,
        Dataset dataset,
        long seed,
        @JsonInclude(JsonInclude.Include.NON_NULL) String damaged,
        @JsonProperty("parameters_sha256") String parametersSha256,
        @JsonProperty("parameters_verified") boolean parametersVerified,
        List<VersionEntry> versions) {

    /** Always {@code sisa}: what tells an ensemble's description from a single model's. */
    @JsonProperty("kind")
    public String kind() {
        return "sisa";
    }

    /**
     * The ensemble's data.
     *
     * @param name              the data set's name or path
     * @param fingerprint       the training part's fingerprint
     * @param trainingExamples  training examples (after deletions)
     * @param heldOutExamples   held-out examples
     * @param trainingSubjects  distinct subjects of the training examples
     * @param heldOutSubjects   distinct subjects of the held-out examples
     * @param deletedExamples   examples deletions removed
     */
    @JsonPropertyOrder({"name", "fingerprint", "training_examples", "held_out_examples", "training_subjects",
            "held_out_subjects", "deleted_examples"})
    record Dataset(String name, String fingerprint,
                   @JsonProperty("training_examples") int trainingExamples,
                   @JsonProperty("held_out_examples") int heldOutExamples,
                   @JsonProperty("training_subjects") int trainingSubjects,
                   @JsonProperty("held_out_subjects") int heldOutSubjects,
                   @JsonProperty("deleted_examples") int deletedExamples) {
    }
}
