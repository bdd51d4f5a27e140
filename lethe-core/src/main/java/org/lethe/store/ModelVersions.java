package org.lethe.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A model's versions. Deletions write a new version next to the one they delete from, named {@code <name>-v<N>}
 * by default, holding a {@link DeletionRecord}; {@link #line} lists them.
 *
 * <p>New model versions are built in a temporary sibling directory and renamed into place only when complete, so a
 * failure mid-deletion leaves the previous version untouched and no half-written version behind. Files that a
 * new version shares with its parent are hard-linked (copied where links are not supported).
 */
public final class ModelVersions {
    private ModelVersions() {
    }

    /**
     * The versions of the model in {@code dir}: the original (the sibling directory without a {@code -v<N>} suffix)
     * and every sibling {@code <name>-v<N>} that a deletion wrote, in version order, each with its parent and
     * deletion record. Versions written elsewhere with {@code --out} are not found here.
     */
    public static List<ModelVersion> line(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            return List.of();
        }
        String base = baseName(abs);
        Pattern version = Pattern.compile(Pattern.quote(base) + "-v(\\d+)");
        // The original is version 0 here, so that a directory named <name>-v1 (possible with --out) cannot hide it.
        TreeMap<Integer, Path> found = new TreeMap<>();
        if (Files.isDirectory(parent.resolve(base))) {
            found.put(0, parent.resolve(base));
        }
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                Matcher m = version.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p) && m.group(1).length() < 9) {
                    found.put(Integer.parseInt(m.group(1)), p);
                }
            }
        }
        List<ModelVersion> out = new ArrayList<>();
        for (Path p : found.values()) {
            if (!Files.isRegularFile(p.resolve(DeletionRecord.FILE))) {
                out.add(new ModelVersion(p, null, null, null));
                continue;
            }
            // One unreadable sibling is reported in its place; it does not hide the rest of the line.
            try {
                DeletionRecord record = DeletionRecord.readFrom(p);
                Path from = record.modelBefore() == null ? null : recordedPath(parent, record.modelBefore());
                out.add(new ModelVersion(p, from != null && Files.isDirectory(from) ? from : null, record, null));
            } catch (IOException e) {
                out.add(new ModelVersion(p, null, null, e.getMessage()));
            }
        }
        return out;
    }

    /**
     * Where the next version of {@code model} goes by default: the first free sibling {@code <name>-v<N>}, N from 2,
     * where {@code <name>} is the model's name without a version suffix.
     */
    public static Path nextVersion(Path model) {
        Path abs = model.toAbsolutePath().normalize();
        String base = baseName(abs);
        for (int n = 2; ; n++) {
            Path candidate = abs.resolveSibling(base + "-v" + n);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    // The name a model's versions share: its own name without a -v<N> suffix.
    static String baseName(Path model) {
        return model.getFileName().toString().replaceFirst("-v\\d+$", "");
    }

    // Records name versions by absolute path; records written before that named them as typed, relative to a
    // working directory no longer known, so those are looked for among the siblings by name.
    private static Path recordedPath(Path siblingsDir, String recorded) {
        Path path = Path.of(recorded);
        return path.isAbsolute() ? path.normalize() : siblingsDir.resolve(path.getFileName());
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
