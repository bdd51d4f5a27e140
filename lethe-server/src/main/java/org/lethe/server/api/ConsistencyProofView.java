package org.lethe.server.api;

import java.util.List;

/**
 * An RFC 9162 consistency proof between two tree sizes.
 *
 * @param from  the older size
 * @param to    the newer size
 * @param proof hex hashes in RFC 9162 order
 */
public record ConsistencyProofView(long from, long to, List<String> proof) {
}
