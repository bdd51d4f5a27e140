package org.lethe.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The held lock of a {@link ModelLine}: exclusive across processes through an operating-system file lock, and
 * across threads of one process through a semaphore per lock file (a JVM cannot take the same file lock twice).
 * While held, the lock file names its holder (process id and time), so that a second deletion that gives up can
 * say who is working. Not reentrant: a thread that already holds a line's lock must not take it again.
 */
public final class ModelLineLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private final Path file;
    private final Semaphore threads;
    private final FileChannel channel;
    private final FileLock lock;

    private ModelLineLock(Path file, Semaphore threads, FileChannel channel, FileLock lock) {
        this.file = file;
        this.threads = threads;
        this.channel = channel;
        this.lock = lock;
    }

    static ModelLineLock acquire(Path file, String line, Duration wait) throws IOException, InterruptedException {
        Path key = file.toAbsolutePath().normalize();
        Semaphore threads = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1, true));
        long deadline = wait == null ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
        boolean gotThreads = wait == null ? acquireForever(threads)
                : threads.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (!gotThreads) {
            throw busy(key, line);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock held = wait == null ? channel.lock() : pollFileLock(channel, deadline);
            if (held == null) {
                throw busy(key, line);
            }
            ModelLineLock result = new ModelLineLock(key, threads, channel, held);
            result.nameHolder();
            return result;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (channel != null) {
                channel.close();
            }
            threads.release();
            throw e;
        }
    }

    private static boolean acquireForever(Semaphore s) throws InterruptedException {
        s.acquire();
        return true;
    }

    private static FileLock pollFileLock(FileChannel channel, long deadline) throws IOException, InterruptedException {
        while (true) {
            FileLock held = channel.tryLock();
            if (held != null || System.nanoTime() >= deadline) {
                return held;
            }
            Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        }
    }

    private static ModelLineBusyException busy(Path file, String line) {
        String holder;
        try {
            holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            holder = "";
        }
        return new ModelLineBusyException("model " + line + " is being changed by another deletion"
                + (holder.isEmpty() ? "" : " (" + holder + ")") + "; try again when it has finished (lock file "
                + file + ")");
    }

    // The holder's identity, for the message of whoever waits; the file itself is never removed, so that a waiting
    // process always locks the same file as the holder.
    private void nameHolder() throws IOException {
        String who = "held by process " + ProcessHandle.current().pid() + " since " + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((who + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                threads.release();
            }
        }
    }
}
