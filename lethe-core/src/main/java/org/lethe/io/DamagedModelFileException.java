package org.lethe.io;

import java.io.IOException;

/** A model file or checkpoint whose parameters do not match the hash it recorded when written; names the file. */
public final class DamagedModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole sentence shown to the user, naming the file */
    public DamagedModelFileException(String message) {
        super(message);
    }
}
