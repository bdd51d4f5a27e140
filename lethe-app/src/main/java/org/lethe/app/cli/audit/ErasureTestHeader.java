package org.lethe.app.cli.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The entries every erasure test's JSON output ({@code audit probe}, {@code audit relearn}) has after the two models'
 * results: where the reference came from and the forget set. The output has no entries naming the model and
 * reference files: the results of the two models print under {@code model} and {@code reference} instead.
 *
 * @param referenceSource {@code given}, or the audit that retrained the reference
 * @param forget          the forget set in words
 * @param forgetExamples  how many examples it has
 */
@JsonPropertyOrder({"reference_source", "forget", "forget_examples"})
record ErasureTestHeader(
        @JsonProperty("reference_source") String referenceSource,
        String forget,
        @JsonProperty("forget_examples") int forgetExamples) {
}
