package org.lethe.store;

import java.io.IOException;

/** A model line's lock is held by another deletion; the message names the line and, when known, the holder. */
public final class ModelLineBusyException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole sentence shown to the user */
    public ModelLineBusyException(String message) {
        super(message);
    }
}
