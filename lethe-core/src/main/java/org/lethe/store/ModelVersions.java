package org.lethe.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * New model versions are built in a temporary sibling directory and renamed into place only when complete, so a
 * failure mid-deletion leaves the previous version untouched and no half-written version behind. Files that a
 * new version shares with its parent are hard-linked (copied where links are not supported).
 */
public final class ModelVersions {
    private ModelVersions() {
    }

    /** A fresh temporary directory next to {@code target}. */
    public static Path staging(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.exists(abs)) {
            throw new FileAlreadyExistsException(abs + " already exists; a new model version never overwrites one");
        }
        Files.createDirectories(abs.getParent());
        return Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".staging-");
    }

    /** Renames a finished staging directory to its final name. */
    public static void publish(Path staging, Path target) throws IOException {
        Files.move(staging, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes a staging directory after a failure (best effort). */
    public static void discard(Path staging) {
        if (staging == null || !Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // Leftovers are hidden dot-directories; the next attempt uses a fresh one.
        }
    }

    /** Shares {@code source} as {@code target}: a hard link where possible, a copy otherwise. */
    public static void share(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
