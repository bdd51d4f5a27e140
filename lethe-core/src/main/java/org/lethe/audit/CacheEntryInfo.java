package org.lethe.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@value ModelCache#KEY} of a model cache entry: the hash that names the entry, what building the model cost
 * (reported again when the entry is reused) and the key itself, for people looking into the cache.
 *
 * @param sha256       the hash of {@code key} ({@link ModelRecipe#hash()})
 * @param buildSeconds the wall time of the build
 * @param key          everything that determines the model
 */
@JsonPropertyOrder({"sha256", "build_seconds", "key"})
record CacheEntryInfo(
        @JsonProperty(required = true) String sha256,
        @JsonProperty(value = "build_seconds", required = true) double buildSeconds,
        @JsonProperty(required = true) ModelKey key) {
}
