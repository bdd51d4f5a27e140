package org.lethe.unlearn;

import java.nio.file.Path;
import org.lethe.store.DeletionRecord;

/**
 * A deletion method at work. Implementations take a stored model version and a request and write a new version
 * next to it (never modifying the old one), returning a {@link DeletionRecord}. A request naming only data that
 * is already gone is a no-op: the record says so and no version is written. Made by
 * {@link DeletionMethod#unlearner}; see {@link DeletionMethods} for the registered methods.
 */
public interface Unlearner {
    /** The method this unlearner carries out. */
    DeletionMethod method();

    /** The settings it runs with (written into deletion records). */
    MethodSettings settings();

    /** Forgets the request's data from the model in {@code model}, writing the new version to {@code newVersion}. */
    DeletionRecord forget(Path model, DeletionRequest request, Path newVersion) throws Exception;
}
