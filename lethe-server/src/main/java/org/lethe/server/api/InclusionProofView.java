package org.lethe.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An RFC 9162 inclusion proof.
 *
 * @param leafIndex the entry
 * @param treeSize  the tree it is proved in
 * @param leafHash  hex leaf hash of the entry
 * @param proof     hex sibling hashes, leaf upwards
 */
public record InclusionProofView(@JsonProperty("leaf_index") long leafIndex, @JsonProperty("tree_size") long treeSize,
                                 @JsonProperty("leaf_hash") String leafHash, List<String> proof) {
}
