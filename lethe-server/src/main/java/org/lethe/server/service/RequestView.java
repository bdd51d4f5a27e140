package org.lethe.server.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A deletion request as the API shows it. {@code salt} (hex) is shown to the request's owner only: with it the
 * requester can recompute the {@code subject_hmac} that the ledger holds instead of the subject.
 *
 * @param id              the service's id
 * @param clientRequestId the client's idempotency key
 * @param status          the current state
 * @param subject         the subject, shown to the owner and reviewers
 * @param exampleIds      or the example ids
 * @param models          the models the request covers
 * @param reason          why
 * @param requester       who asked
 * @param createdAt       when it was received
 * @param expectedBy      when it should be done (one month after receipt)
 * @param attempts        execution attempts so far
 * @param error           the last failure, or null
 * @param salt            the HMAC salt (owner only)
 * @param subjectHmac     HMAC-SHA256(salt, subject) as in the ledger
 * @param events          the timeline, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestView(
        String id,
        @JsonProperty("client_request_id") String clientRequestId,
        String status,
        String subject,
        @JsonProperty("example_ids") List<String> exampleIds,
        List<String> models,
        String reason,
        String requester,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("expected_by") String expectedBy,
        int attempts,
        String error,
        String salt,
        @JsonProperty("subject_hmac") String subjectHmac,
        List<EventView> events) {
}
