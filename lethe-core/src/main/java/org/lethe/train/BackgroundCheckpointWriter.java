package org.lethe.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lethe.nn.Module;
import org.lethe.optim.Optimizer;

/**
 * Writes checkpoints on a background thread while training goes on. A checkpoint is copied out of the model and
 * optimiser at once (a fraction of a millisecond), then written and synced to disk behind the training thread
 * (around ten milliseconds for a small model, most of it waiting for the disk). {@link #finish} waits for every
 * queued write and reports the first failure; callers finish before they rely on the files, for example before
 * publishing a new model version. At most {@link #MAX_QUEUED} snapshots wait at a time, so memory stays bounded
 * when training outpaces the disk.
 */
public final class BackgroundCheckpointWriter implements AutoCloseable {
    static final int MAX_QUEUED = 2;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lethe-checkpoint-writer");
        t.setDaemon(true);
        return t;
    });
    private final ArrayDeque<Future<?>> queued = new ArrayDeque<>();

    /** Copies the state after {@code completedSteps} steps and queues its write to {@code store}. */
    public void save(SafeTensorsCheckpoints store, int completedSteps, Module model, Optimizer optimizer) throws IOException {
        while (queued.size() >= MAX_QUEUED) {
            awaitOldest();
        }
        SafeTensorsCheckpoints.Snapshot snapshot = store.snapshot(completedSteps, model, optimizer);
        queued.add(executor.submit(() -> {
            store.write(snapshot);
            return null;
        }));
    }

    /** Waits until every queued checkpoint is on disk; throws the first failure. */
    public void finish() throws IOException {
        while (!queued.isEmpty()) {
            awaitOldest();
        }
    }

    private void awaitOldest() throws IOException {
        Future<?> oldest = queued.poll();
        try {
            oldest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing a checkpoint", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof UncheckedIOException) {
                throw ((UncheckedIOException) cause).getCause();
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IOException("checkpoint write failed: " + cause, cause);
        }
    }

    /**
     * Lets queued writes complete (each file is written atomically, so none is left half-written) and stops the
     * writer thread. Failures are reported by {@link #finish}, not here.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
