package org.lethe.server.service;

import java.util.Locale;

/** The states of a deletion request; each change is recorded with its time and actor. */
public enum RequestState {
    RECEIVED, VERIFIED, APPROVED, DENIED, QUEUED, RUNNING, APPLIED, CERTIFIED, FAILED, CANCELLED;

    /** The name used in JSON and the ledger. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state called {@code name}; an unknown name is an {@link IllegalArgumentException}. */
    public static RequestState parse(String name) {
        for (RequestState s : values()) {
            if (s.wire().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown state '" + name + "'");
    }

    /** True when a reviewer or requester may still stop the request. */
    public boolean cancellable() {
        return this == RECEIVED || this == VERIFIED || this == APPROVED || this == QUEUED || this == FAILED;
    }
}
