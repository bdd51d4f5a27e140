package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an audit concerns, for filing it: the audited model (its path and parameter hash), the deletion that made it
 * (its record, who asked, why and when), when the audit ran and which version of Lethe ran it.
 *
 * @param modelPath        the audited model's directory, absolute
 * @param parametersSha256 the audited model's parameter hash (an ensemble's: over its shards), checked on loading
 * @param auditedAt        when the audit finished (ISO-8601, UTC)
 * @param letheVersion     the version of Lethe that ran it
 * @param deletionRecord   the deletion record's file, or null for a model no deletion made
 * @param deletionMethod   the deletion's method, or null
 * @param removedCount     how many examples the deletion removed, or null
 * @param requester        who asked for the deletion, or null
 * @param reason           why, or null
 * @param deletionTime     when the deletion finished (ISO-8601), or null
 */
public record EvidenceSection(
        @JsonProperty("model_path") String modelPath,
        @JsonProperty("parameters_sha256") String parametersSha256,
        @JsonProperty("audited_at") String auditedAt,
        @JsonProperty("lethe_version") String letheVersion,
        @JsonProperty("deletion_record") String deletionRecord,
        @JsonProperty("deletion_method") String deletionMethod,
        @JsonProperty("removed_count") Integer removedCount,
        @JsonProperty("requester") String requester,
        @JsonProperty("reason") String reason,
        @JsonProperty("deletion_time") String deletionTime) {
}
