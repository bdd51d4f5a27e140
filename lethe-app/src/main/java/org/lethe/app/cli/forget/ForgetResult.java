package org.lethe.app.cli.forget;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.lethe.store.DeletionRecord;
import org.lethe.unlearn.RecipeTuner;

/**
 * What {@code lethe forget --json} prints, on one line: the deletion record as the new version stores it, followed
 * by where the deletion started and what it wrote. The tuning, the no-op flag and the verification are left out
 * when they do not apply, as they always have been.
 *
 * @param deletion      the deletion record, its keys inlined
 * @param deletedFrom   the version deleted from
 * @param newVersion    the version written, or null for a no-op
 * @param tuning        the recipe search behind the settings, or null without {@code --tune}
 * @param noOp          true for a request naming only data already deleted, else null
 * @param verifiedExact whether a retraining from scratch gave the same hash, or null without
 *                      {@code --verify-exact} (and for a no-op)
 */
@JsonPropertyOrder({"deletion", "deleted_from", "new_version", "tuning", "no_op", "verified_exact"})
record ForgetResult(
        @JsonUnwrapped DeletionRecord deletion,
        @JsonProperty("deleted_from") String deletedFrom,
        @JsonProperty("new_version") String newVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) RecipeTuner.Result tuning,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("no_op") Boolean noOp,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("verified_exact") Boolean verifiedExact) {

    /** The result of {@code record}, made from version {@code from} into {@code next}. */
    static ForgetResult of(DeletionRecord record, String from, String next, RecipeTuner.Result tuning,
                           Boolean verified) {
        boolean noOp = record.isNoOp();
        // A no-op writes no version, so there is nothing to verify: it says so instead.
        return new ForgetResult(record, from, noOp ? null : next, tuning, noOp ? Boolean.TRUE : null,
                noOp ? null : verified);
    }
}
