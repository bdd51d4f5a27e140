package org.lethe.unlearn;

import java.nio.file.Path;

/**
 * A way to make a model forget. Implementations take a stored model version and a request and write a new
 * version next to it (never modifying the old one), returning a {@link DeletionRecord}. A request naming only data
 * that is already gone is a no-op: the record says so and no version is written.
 */
public interface Unlearner {
    /** Short method name ({@code sisa}, {@code replay}, {@code amnesiac}, {@code retrain}, ...). */
    String method();

    /** True when results equal retraining without the data, bit for bit. */
    boolean exact();

    /** Forgets the request's data from the model in {@code model}, writing the new version to {@code newVersion}. */
    DeletionRecord forget(Path model, DeletionRequest request, Path newVersion) throws Exception;
}
