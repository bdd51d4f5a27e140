package org.lethe.server.service;

import java.nio.file.Path;
import java.util.Set;

/**
 * A model the service deletes from.
 *
 * @param id       the model's id in requests
 * @param current  the current version's directory (the pointer the worker moves)
 * @param method   the deletion method's registry name
 * @param exact    whether that method is exact
 * @param subjects subjects of the training data (including those already deleted)
 * @param ids      example ids of the training data (including those already deleted)
 */
public record ModelEntry(String id, Path current, String method, boolean exact, Set<String> subjects, Set<String> ids) {
}
