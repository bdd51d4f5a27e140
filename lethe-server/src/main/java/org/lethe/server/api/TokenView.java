package org.lethe.server.api;

import java.util.List;

/**
 * The caller's own token, as {@code GET /v1/whoami} shows it.
 *
 * @param name   the token's name
 * @param scopes its scopes
 */
public record TokenView(String name, List<String> scopes) {
}
