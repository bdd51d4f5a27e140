package org.lethe.server.service;

import java.util.Set;

/**
 * Who is calling: a token's id and name with its scopes. Requesters see only their own requests; reviewers and
 * administrators see all.
 *
 * @param tokenId the token's id (owner of the requests it submits)
 * @param name    the token's name (the actor in the ledger)
 * @param scopes  what it may do
 */
public record Principal(String tokenId, String name, Set<Scope> scopes) {
    /** True when the token has {@code scope} (administrators have every scope). */
    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    /** True when the caller may see every request, not only its own. */
    public boolean seesAll() {
        return has(Scope.DELETION_REVIEW);
    }
}
