package org.lethe.server.service;

import java.util.Locale;

/** What an API token may do. */
public enum Scope {
    DELETION_CREATE("deletion:create"),
    DELETION_READ("deletion:read"),
    DELETION_REVIEW("deletion:review"),
    LEDGER_READ("ledger:read"),
    ADMIN("admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    /** The scope's name in tokens and docs. */
    public String wire() {
        return wire;
    }

    /** The scope called {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static Scope parse(String name) {
        for (Scope s : values()) {
            if (s.wire.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + name + "' (known: deletion:create, deletion:read, "
                + "deletion:review, ledger:read, admin)");
    }
}
