package org.lethe.server.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One deletion carried out on one model: the version it made, with which method, and the parameter hashes
 * (SHA-256 over names, shapes and raw bits) of the model before and after.
 *
 * @param model      the model's id in the service
 * @param version    the new version's directory name
 * @param method     the deletion method's registry name
 * @param exact      true when the result equals retraining without the data
 * @param hashBefore hash of the version deleted from
 * @param hashAfter  hash of the version written (equal to hashBefore when the data was already gone)
 * @param batch      the worker batch that made the version
 */
public record Execution(
        String model,
        String version,
        String method,
        boolean exact,
        @JsonProperty("hash_before") String hashBefore,
        @JsonProperty("hash_after") String hashAfter,
        String batch) {
}
