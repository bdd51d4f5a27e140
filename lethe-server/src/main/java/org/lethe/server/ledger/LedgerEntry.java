package org.lethe.server.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One ledger entry, encoded with {@link CanonicalJson}. Entries hold no personal data in clear: the subject (or the
 * example ids) appears only as {@code subject_hmac}, HMAC-SHA256 keyed with a salt that only the requester is given.
 *
 * @param kind        {@code state} (a request changed state) or {@code execution} (a batch made a model version)
 * @param requestId   the request (state entries)
 * @param state       the state entered (state entries)
 * @param at          when, ISO-8601 UTC with milliseconds
 * @param actor       who: a token's name, {@code worker}, or {@code service}
 * @param detail      a reason (denial, failure), or null
 * @param subjectHmac on {@code received}: hex HMAC-SHA256(salt, subject or the sorted ids joined by newlines)
 * @param models      on {@code received}: the models the request covers
 * @param executions  on {@code applied}, and on an execution entry: what was done to each model
 * @param requests    on an execution entry: the requests the batch carried out
 */
public record LedgerEntry(
        String kind,
        @JsonProperty("request_id") String requestId,
        String state,
        String at,
        String actor,
        String detail,
        @JsonProperty("subject_hmac") String subjectHmac,
        List<String> models,
        List<Execution> executions,
        List<String> requests) {

    /** A state change. */
    public static LedgerEntry state(String requestId, String state, String at, String actor, String detail) {
        return new LedgerEntry("state", requestId, state, at, actor, detail, null, null, null, null);
    }

    /** The bytes that are hashed into the tree. */
    public byte[] bytes() {
        return CanonicalJson.bytes(this);
    }
}
