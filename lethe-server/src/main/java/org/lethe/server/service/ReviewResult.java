package org.lethe.server.service;

import java.util.List;

/**
 * Per-item outcome of a bulk review.
 *
 * @param results one per id, in the order given
 */
public record ReviewResult(List<Item> results) {
    /**
     * @param id     the request
     * @param ok     true when the review took effect
     * @param status the request's state afterwards (null for an unknown id)
     * @param error  why not, or null
     */
    public record Item(String id, boolean ok, String status, String error) {
    }
}
