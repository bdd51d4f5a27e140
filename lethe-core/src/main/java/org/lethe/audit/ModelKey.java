package org.lethe.audit;

import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.train.DataDescription;
import org.lethe.train.ModelSpec;

/**
 * Everything that determines a cached comparison model ({@link ModelRecipe#key()}): for a model trained from
 * scratch its kind, architecture, training settings, data, SISA layout and seed; for an unlearned one the deletion
 * method, its settings, the forget set (by count and hash) and the base model's key. The keys of the other form are
 * absent. A cache entry is named by the hash of this key's JSON with map keys sorted, so a change to a name or a
 * value here makes every cached model stale; a golden test holds the hashes fixed.
 *
 * @param format          {@link ModelRecipe#FORMAT}
 * @param unlearning      the deletion method's name (unlearned models)
 * @param parameters      the method's settings by parameter name (unlearned models): an open set, one per method
 * @param forgetCount     how many examples were deleted (unlearned models)
 * @param forgetIdsSha256 the hash of the sorted deleted ids (unlearned models)
 * @param base            the key of the model deleted from (unlearned models)
 * @param kind            {@code run} or {@code sisa} (trained models)
 * @param architecture    the model (trained models)
 * @param training        the training configuration without the settings that do not change the model (seed,
 *                        which is {@code seed} here, and the evaluation and checkpoint cadence): the keys of
 *                        {@link org.lethe.train.TrainConfig#toMap()} less those (trained models)
 * @param data            the data (trained models)
 * @param sisa            the ensemble layout (trained ensembles)
 * @param seed            the training seed (trained models)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "unlearning", "parameters", "forget_count", "forget_ids_sha256", "base", "kind",
        "architecture", "training", "data", "sisa", "seed"})
record ModelKey(
        String format,
        String unlearning,
        Map<String, Object> parameters,
        @JsonProperty("forget_count") Integer forgetCount,
        @JsonProperty("forget_ids_sha256") String forgetIdsSha256,
        ModelKey base,
        String kind,
        ModelSpec architecture,
        Map<String, Object> training,
        DataKey data,
        SisaKey sisa,
        Long seed) {

    /** The key of a model trained from scratch; {@code sisa} is null for a single model. */
    static ModelKey trained(String kind, ModelSpec architecture, Map<String, Object> training, DataKey data,
                            SisaKey sisa, long seed) {
        return new ModelKey(ModelRecipe.FORMAT, null, null, null, null, null, kind, architecture, training, data,
                sisa, seed);
    }

    /** The key of {@code base} with a deletion method applied. */
    static ModelKey unlearned(String method, Map<String, Object> parameters, int forgetCount, String forgetIdsSha256,
                              ModelKey base) {
        return new ModelKey(ModelRecipe.FORMAT, method, parameters, forgetCount, forgetIdsSha256, base, null, null,
                null, null, null, null);
    }

    /**
     * The data of a trained model: its {@link DataDescription} with the deletions' exclusions by count and hash,
     * since a long list would make every key long.
     */
    @JsonPropertyOrder({"source", "test_fraction", "split_seed", "subjects_per", "subjects_file", "train_size",
            "test_size", "train_fingerprint", "excluded_count", "excluded_ids_sha256"})
    record DataKey(
            String source,
            @JsonProperty("test_fraction") double testFraction,
            @JsonProperty("split_seed") long splitSeed,
            @JsonProperty("subjects_per") int subjectsPer,
            @JsonProperty("subjects_file") String subjectsFile,
            @JsonProperty("train_size") int trainSize,
            @JsonProperty("test_size") int testSize,
            @JsonProperty("train_fingerprint") String trainFingerprint,
            @JsonProperty("excluded_count") int excludedCount,
            @JsonProperty("excluded_ids_sha256") String excludedIdsSha256) {

        /** The key of {@code d}, whose exclusions hash to {@code excludedIdsSha256}. */
        static DataKey of(DataDescription d, String excludedIdsSha256) {
            return new DataKey(d.source(), d.testFraction(), d.splitSeed(), d.subjectsPer(), d.subjectsFile(),
                    d.trainSize(), d.testSize(), d.trainFingerprint(), d.excluded().size(), excludedIdsSha256);
        }
    }

    /** The layout of a trained ensemble. */
    @JsonPropertyOrder({"shards", "slices", "epochs_per_slice", "aggregation"})
    record SisaKey(int shards, int slices, @JsonProperty("epochs_per_slice") int epochsPerSlice, String aggregation) {
    }
}
