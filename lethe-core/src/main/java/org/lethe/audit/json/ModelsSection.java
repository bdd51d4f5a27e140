package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How the comparison models of an audit were made.
 *
 * @param reference the models retrained without the forget set (or given)
 * @param unlearned the models unlearned the way the audited one was
 * @param cache the model cache directory
 */
public record ModelsSection(
        @JsonProperty("reference") References reference,
        @JsonProperty("unlearned") Unlearned unlearned,
        @JsonProperty("cache") String cache) {

    /**
     * The reference models.
     *
     * @param source {@code given} or {@code retrained}
     * @param count how many
     * @param description how they were made, in words
     * @param seeds their training seeds (empty when given)
     * @param dirs their directories
     */
    public record References(
            @JsonProperty("source") String source,
            @JsonProperty("count") int count,
            @JsonProperty("description") String description,
            @JsonProperty("seeds") List<Long> seeds,
            @JsonProperty("dirs") List<String> dirs) {
        /** Copies the lists. */
        public References {
            seeds = List.copyOf(seeds);
            dirs = List.copyOf(dirs);
        }
    }

    /**
     * The unlearned comparison models.
     *
     * @param count how many (0: forget quality not measured)
     * @param description how they were made, in words
     * @param seeds their training seeds
     * @param dirs their directories
     */
    public record Unlearned(
            @JsonProperty("count") int count,
            @JsonProperty("description") String description,
            @JsonProperty("seeds") List<Long> seeds,
            @JsonProperty("dirs") List<String> dirs) {
        /** Copies the lists. */
        public Unlearned {
            seeds = List.copyOf(seeds);
            dirs = List.copyOf(dirs);
        }
    }
}
