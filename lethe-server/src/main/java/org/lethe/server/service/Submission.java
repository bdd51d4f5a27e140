package org.lethe.server.service;

/**
 * The outcome of a submission: the request, and whether it was created now (201) or found under the same client
 * request id with the same body (200).
 */
public record Submission(RequestView request, boolean created) {
}
