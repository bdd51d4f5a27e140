package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The forget set of an audit.
 *
 * @param description the forget set in words
 * @param source where it came from, e.g. "deletion record"
 * @param examples its size
 * @param examplesScored how many of its examples the per-example measures scored
 * @param nonMembers held-out examples the membership attack compares against
 * @param ids the forgotten example ids
 */
public record ForgetSection(
        @JsonProperty("description") String description,
        @JsonProperty("source") String source,
        @JsonProperty("examples") int examples,
        @JsonProperty("examples_scored") int examplesScored,
        @JsonProperty("non_members") int nonMembers,
        @JsonProperty("ids") List<String> ids) {
    /** Copies {@code ids}. */
    public ForgetSection {
        ids = List.copyOf(ids);
    }
}
