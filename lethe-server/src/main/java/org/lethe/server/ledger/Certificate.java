package org.lethe.server.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A deletion certificate: the request's {@code applied} ledger entry with its inclusion proof in a signed checkpoint,
 * and what the entry says was done, repeated in plain fields for readers. Anyone holding the ledger's public key can
 * check it offline ({@link CertificateCheck}); docs/service.md describes the steps for standard tools.
 *
 * @param format         {@value #FORMAT}
 * @param requestId      the deletion request
 * @param entry          base64 of the ledger entry's canonical bytes
 * @param leafIndex      the entry's index in the ledger
 * @param treeSize       the size of the tree the checkpoint signs
 * @param inclusionProof hex sibling hashes, leaf upwards (RFC 9162 order)
 * @param checkpoint     the signed note
 * @param publicKey      base64 of the raw 32-byte Ed25519 key
 * @param executions     per model: version, method, exact, hashes before and after (as in the entry)
 * @param evidence       per model: the audit's figures, or a plain statement that none was run
 */
@JsonPropertyOrder({"format", "request_id", "entry", "leaf_index", "tree_size", "inclusion_proof", "checkpoint",
        "public_key", "executions", "evidence"})
public record Certificate(
        String format,
        @JsonProperty("request_id") String requestId,
        String entry,
        @JsonProperty("leaf_index") long leafIndex,
        @JsonProperty("tree_size") long treeSize,
        @JsonProperty("inclusion_proof") List<String> inclusionProof,
        String checkpoint,
        @JsonProperty("public_key") String publicKey,
        List<Execution> executions,
        List<Evidence> evidence) {
    /** The format tag. */
    public static final String FORMAT = "lethe.deletion-certificate.v1";

    /**
     * What backs a model's deletion beyond the method's own claim.
     *
     * @param model     the model
     * @param statement a plain statement (exact methods: equality with retraining; approximate: whether an audit ran)
     */
    public record Evidence(String model, String statement) {
    }
}
