package org.lethe.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One model's line of versions: the original as trained and every version a deletion wrote next to it
 * ({@code <name>-v<N>}). Deletions accumulate along the line: each one starts from the {@link #head() head}, the
 * newest version, so a later version lacks everything every earlier deletion removed. A deletion started from an
 * older version makes a branch, which never becomes the head.
 *
 * <p>The head is found by following, from the original, each version's first child (the lowest-numbered version
 * whose deletion record names it as the model deleted from). A deletion from the head makes that head's first
 * child; a second child of any version can only have been made from a version that was no longer the head, so it
 * starts a branch. Nothing but the directories and their records is needed to tell the two apart.
 *
 * <p>Every change to a line (writing its next version) happens while holding its {@link #lock lock}, so that two
 * deletions, from two processes or two threads, never race for the same head or the same version name: the second
 * waits for the first and then starts from the new head.
 */
public final class ModelLine {
    private final Path siblings;
    private final String name;

    private ModelLine(Path siblings, String name) {
        this.siblings = siblings;
        this.name = name;
    }

    /** The line that the model version in {@code version} (any version, or the original) belongs to. */
    public static ModelLine of(Path version) {
        Path abs = version.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new IllegalArgumentException(version + " has no parent directory to hold its versions");
        }
        return new ModelLine(abs.getParent(), ModelVersions.baseName(abs));
    }

    /** The line's name: the original's directory name, which every version's name starts with. */
    public String name() {
        return name;
    }

    /** The directory of the model as trained (it may have been removed). */
    public Path original() {
        return siblings.resolve(name);
    }

    /** Every version of the line, in version order (see {@link ModelVersions#line}). */
    public List<ModelVersion> versions() throws IOException {
        return ModelVersions.line(original());
    }

    /**
     * The newest version on the line's main path: where the next deletion starts. The original when no deletion
     * was made; null when the line has no readable version at all.
     */
    public ModelVersion head() throws IOException {
        return head(versions());
    }

    /** The head of a line already listed by {@link #versions()}. */
    public static ModelVersion head(List<ModelVersion> versions) {
        if (versions.isEmpty()) {
            return null;
        }
        Map<Path, ModelVersion> firstChild = new HashMap<>();
        for (ModelVersion v : versions) {
            if (v.parent() != null) {
                firstChild.putIfAbsent(v.parent(), v);
            }
        }
        ModelVersion at = versions.get(0);
        for (ModelVersion next = firstChild.get(at.directory()); next != null; next = firstChild.get(at.directory())) {
            at = next;
        }
        return at;
    }

    /** The versions on the main path from the original to the head; the rest of {@link #versions()} are branches. */
    public static List<ModelVersion> mainPath(List<ModelVersion> versions) {
        List<ModelVersion> path = new ArrayList<>();
        if (versions.isEmpty()) {
            return path;
        }
        Map<Path, ModelVersion> firstChild = new HashMap<>();
        for (ModelVersion v : versions) {
            if (v.parent() != null) {
                firstChild.putIfAbsent(v.parent(), v);
            }
        }
        for (ModelVersion at = versions.get(0); at != null; at = firstChild.get(at.directory())) {
            path.add(at);
        }
        return path;
    }

    /** True when {@code version} is the line's head. */
    public boolean isHead(Path version) throws IOException {
        ModelVersion head = head();
        return head != null && head.directory().equals(version.toAbsolutePath().normalize());
    }

    /**
     * The version a deletion asked of {@code given} starts from. The line's name (its original) stands for the line,
     * so a deletion from it starts from the head, as does a deletion from the head itself. A deletion from any other
     * (older) version is refused unless {@code branch} asks for one; with {@code branch} it starts from {@code given}
     * as named. Call it while holding the line's lock, so that the head cannot move before the deletion is written.
     *
     * @throws IllegalArgumentException for an older version without {@code branch}, naming the head to use instead
     */
    public Path deletionStart(Path given, boolean branch) throws IOException {
        Path named = given.toAbsolutePath().normalize();
        ModelVersion head = head();
        if (head == null || named.equals(head.directory())) {
            return given;
        }
        if (branch) {
            return given;
        }
        if (named.equals(original())) {
            return head.directory();
        }
        throw new IllegalArgumentException(given + " is an older version of model " + name + "; deletions accumulate "
                + "on the newest version, " + head.directory() + " (name it, or the line's original " + original()
                + "), or ask for a branch from this older version with --branch");
    }

    /** Where the next version goes by default: the first free {@code <name>-v<N>}, N from 2. */
    public Path nextVersion() {
        return ModelVersions.nextVersion(original());
    }

    /** The lock file of this line: a hidden file beside its versions. */
    public Path lockFile() {
        return siblings.resolve("." + name + ".lock");
    }

    /**
     * Takes the line's lock, waiting as long as {@code wait} for a holder to release it ({@link Duration#ZERO}: fail
     * at once; null: wait without limit). The lock is exclusive across processes (a file lock on {@link
     * #lockFile()}) and across threads of this process. Close the returned lock to release it.
     *
     * @throws ModelLineBusyException when another holder still has it after {@code wait}; its message names the
     *                                line and, when known, the holder
     */
    public ModelLineLock lock(Duration wait) throws IOException, InterruptedException {
        return ModelLineLock.acquire(lockFile(), name, wait);
    }
}
