package org.lethe.audit.json;

import java.io.IOException;
import java.nio.file.Path;
import org.lethe.io.JsonFiles;

/** Writes and reads {@code audit.json}. */
public final class AuditJson {
    private AuditJson() {
    }

    /** Writes {@code doc} as indented JSON, atomically. */
    public static void write(Path file, AuditDocument doc) throws IOException {
        JsonFiles.write(file, doc);
    }

    /**
     * Reads an audit document; fails, naming the file, when a key is missing, renamed or unknown, or the format is
     * not {@value AuditDocument#FORMAT}. A document written before the audit recorded its conclusion (and power,
     * and evidence) is read with those keys absent, as nulls.
     */
    public static AuditDocument read(Path file) throws IOException {
        boolean older = !JsonFiles.readMap(file).containsKey("conclusion");
        AuditDocument doc = JsonFiles.read(file, AuditDocument.class, !older);
        if (!AuditDocument.FORMAT.equals(doc.format())) {
            throw new IOException(file + ": format '" + doc.format() + "', expected '" + AuditDocument.FORMAT + "'");
        }
        return doc;
    }
}
