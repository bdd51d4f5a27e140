package org.lethe.app.cli.model;

import java.util.List;

/**
 * What {@code lethe versions --json} prints.
 *
 * @param line     the line's name
 * @param head     the version the next deletion starts from, or null
 * @param versions every version
 */
record VersionLineResult(String line, String head, List<VersionEntry> versions) {
}
