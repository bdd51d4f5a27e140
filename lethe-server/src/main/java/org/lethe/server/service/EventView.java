package org.lethe.server.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One state change of a request.
 *
 * @param state     the state entered
 * @param at        when (ISO-8601 UTC)
 * @param actor     who
 * @param detail    a reason, or null
 * @param leafIndex the ledger entry that records it
 */
public record EventView(String state, String at, String actor, String detail, @JsonProperty("leaf_index") long leafIndex) {
}
