package org.lethe.server.service;

import java.util.List;

/**
 * The body of a bulk review: {@code POST /v1/deletion-requests/approve} or {@code /deny}.
 *
 * @param ids    the requests
 * @param reason required for a denial
 */
public record ReviewBody(List<String> ids, String reason) {
}
