package org.lethe.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files so that readers see either the old content or the complete new content, never a partial file:
 * the bytes go to a temporary file in the target's directory, are forced to disk, and the temporary file is then
 * renamed over the target in one atomic step.
 */
public final class AtomicFiles {

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}; must not close it. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with the bytes {@code content} writes. Missing parent directories are created. On any
     * failure the target is untouched and the temporary file is removed.
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, true);
    }

    /**
     * Like {@link #write(Path, Content)}, atomic for readers (never a partial file, even when the process dies), but
     * not forced to disk: for scratch files deleted soon after they are written, where forcing every one would
     * cost more than the work that makes them and a power cut would only cost their rebuild.
     */
    public static void writeWithoutSync(Path target, Content content) throws IOException {
        write(target, content, false);
    }

    private static void write(Path target, Content content, boolean durable) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // The temporary file must live in the same directory: a rename is only atomic within one file system. It is
        // created like any new file (not with createTempFile's owner-only permissions), so the final file gets the
        // usual permissions.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        FileChannel created = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean moved = false;
        try {
            try (FileChannel channel = created) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                if (durable) {
                    channel.force(true);
                }
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(target + ": the file system cannot rename atomically, refusing a non-atomic write", e);
            }
            moved = true;
            if (durable) {
                syncDirectory(dir);
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    // Makes the rename itself durable. Some platforms cannot open a directory for syncing; the rename is still atomic
    // there, only its durability across a power cut is left to the operating system.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, see above
        }
    }
}
