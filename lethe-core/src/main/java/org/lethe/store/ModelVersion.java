package org.lethe.store;

import java.nio.file.Path;

/**
 * One version of a model: its directory, the version it was made from (null for the original) and the deletion
 * that made it (null for the original).
 *
 * @param directory  the version's directory
 * @param parent     the directory it was deleted from, or null (the original, or a parent no longer on disk)
 * @param deletion   the deletion's record, or null
 * @param unreadable why the version's deletion record could not be read, or null when it could (or has none)
 */
public record ModelVersion(Path directory, Path parent, DeletionRecord deletion, String unreadable) {
    /** True for the model as trained, before any deletion. */
    public boolean isOriginal() {
        return deletion == null && unreadable == null;
    }
}
