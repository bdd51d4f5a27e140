package org.lethe.server.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /v1/deletion-requests}. Exactly one of {@code subject} and {@code example_ids}; {@code model}
 * names one model, or is absent (or {@code "*"}) for every model holding the data.
 *
 * @param subject          the person whose data is to be forgotten
 * @param exampleIds       or: the example ids
 * @param model            the model id, or null / "*" for every model holding the data
 * @param reason           why (free text, kept out of the ledger)
 * @param requester        who asks (kept out of the ledger)
 * @param clientRequestId  the client's idempotency key
 * @param verificationCode for verifiers that check a code; ignored otherwise
 */
public record SubmitBody(
        String subject,
        @JsonProperty("example_ids") List<String> exampleIds,
        String model,
        String reason,
        String requester,
        @JsonProperty("client_request_id") String clientRequestId,
        @JsonProperty("verification_code") String verificationCode) {
}
