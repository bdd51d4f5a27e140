package org.lethe.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lethe.exec.ExecutorShutdown;
import org.lethe.nn.Module;
import org.lethe.optim.Optimizer;

/**
 * Writes checkpoints on a background thread while training goes on. A safetensors checkpoint is copied out of the
 * model and optimiser at once (a fraction of a millisecond), then written and synced to disk behind the training
 * thread (around ten milliseconds for a small model, most of it waiting for the disk); other stores are saved in
 * place. {@link #finish} waits for every queued write and reports the first failure; callers finish before they
 * rely on the files, for example before publishing a new model version. At most {@link #MAX_QUEUED} snapshots
 * wait at a time, so the extra memory is bounded by that many copies of the parameters and optimiser state (with
 * Adam, six times the model's size).
 */
public final class BackgroundCheckpointWriter implements AutoCloseable {
    static final int MAX_QUEUED = 2;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lethe-checkpoint-writer");
        t.setDaemon(true);
        return t;
    });
    private final ArrayDeque<Future<?>> queued = new ArrayDeque<>();

    /**
     * Saves the state after {@code completedSteps} steps to {@code store}: copied now and written behind, or
     * written in place when the store cannot take a copy. May throw the failure of an earlier queued write.
     */
    public void save(Checkpoints store, int completedSteps, Module model, Optimizer optimizer) throws IOException {
        if (!(store instanceof SafeTensorsCheckpoints)) {
            try {
                store.save(completedSteps, model, optimizer);
            } catch (IOException e) {
                throw failedAt(completedSteps, e);
            }
            return;
        }
        SafeTensorsCheckpoints files = (SafeTensorsCheckpoints) store;
        while (queued.size() >= MAX_QUEUED) {
            awaitOldest();
        }
        SafeTensorsCheckpoints.Snapshot snapshot = files.snapshot(completedSteps, model, optimizer);
        queued.add(executor.submit(() -> {
            try {
                files.write(snapshot);
            } catch (IOException e) {
                throw failedAt(completedSteps, e);
            }
            return null;
        }));
    }

    private static IOException failedAt(int completedSteps, IOException e) {
        return new IOException("checkpoint after step " + completedSteps + " failed: " + e.getMessage(), e);
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
            throw new IOException("interrupted while waiting for a checkpoint to be written", e);
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
     * Lets queued writes complete and stops the writer thread; it waits even when interrupted (and keeps the
     * interrupt), so no write goes on behind a caller that has given up, for example one about to delete the
     * directory. Each file is written atomically. Failures are reported by {@link #finish}, not here.
     */
    @Override
    public void close() {
        executor.shutdown();
        ExecutorShutdown.awaitTermination(executor);
    }
}
