package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an audit cost.
 *
 * @param wallSeconds wall time of the whole audit
 * @param modelsBuilt comparison models trained or unlearned by this audit
 * @param modelsFromCache comparison models found in the cache
 * @param meanDeletionSeconds mean deletion time of the unlearned comparison models, or null when undefined
 * @param auditedDeletionSeconds the audited model's own deletion time from its record, or null without one
 */
public record TimingSection(
        @JsonProperty("wall_seconds") double wallSeconds,
        @JsonProperty("models_built") int modelsBuilt,
        @JsonProperty("models_from_cache") int modelsFromCache,
        @JsonProperty("mean_deletion_seconds") Double meanDeletionSeconds,
        @JsonProperty("audited_deletion_seconds") Double auditedDeletionSeconds) {
}
