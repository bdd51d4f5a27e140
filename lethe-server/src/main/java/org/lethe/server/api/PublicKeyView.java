package org.lethe.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The ledger's signing identity.
 *
 * @param origin    the checkpoint origin line and signer name
 * @param publicKey base64 of the raw 32-byte Ed25519 key
 * @param keyId     hex signed-note key id
 */
public record PublicKeyView(String origin, @JsonProperty("public_key") String publicKey, @JsonProperty("key_id") String keyId) {
}
