package org.lethe.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A ledger entry as stored.
 *
 * @param leafIndex its index
 * @param entry     base64 of its canonical bytes
 * @param leafHash  hex SHA-256(0x00 || bytes)
 */
public record EntryView(@JsonProperty("leaf_index") long leafIndex, String entry, @JsonProperty("leaf_hash") String leafHash) {
}
