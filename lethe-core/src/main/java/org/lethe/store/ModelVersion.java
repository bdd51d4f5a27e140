package org.lethe.store;

import java.nio.file.Path;

/**
 * One version of a model: its directory, the version it was made from (null for the original) and the deletion
 * that made it (null for the original).
 *
 * @param directory the version's directory
 * @param parent    the directory it was deleted from, or null
 * @param deletion  the deletion's record, or null
 */
public record ModelVersion(Path directory, Path parent, DeletionRecord deletion) {
    /** True for the model as trained, before any deletion. */
    public boolean isOriginal() {
        return deletion == null;
    }
}
