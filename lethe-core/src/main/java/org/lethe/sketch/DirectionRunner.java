package org.lethe.sketch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent tasks (sketch directions, retrainings) on a fixed number of daemon worker threads. Each task
 * writes only its own outputs, so results do not depend on the number of threads or the order tasks finish in.
 */
final class DirectionRunner {
    private DirectionRunner() {
    }

    /** The work for index {@code j}. */
    @FunctionalInterface
    interface Task {
        void run(int j) throws Exception;
    }

    /**
     * Runs tasks {@code 0 .. count-1} on {@code threads} workers, reporting each completion to {@code listener} (may
     * be null). The first failure cancels the rest and is rethrown as itself when it is an I/O or unchecked
     * exception.
     */
    static void run(int count, int threads, Task task, DeletionSketch.BuildListener listener) throws IOException {
        int workers = Math.max(1, Math.min(threads, count));
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "lethe-sketch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int j = 0; j < count; j++) {
                int index = j;
                futures.add(pool.submit(() -> {
                    task.run(index);
                    if (listener != null) {
                        listener.directionDone(done.incrementAndGet(), count);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    for (Future<?> other : futures) {
                        other.cancel(true);
                    }
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException) {
                        throw (IOException) cause;
                    }
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("sketch build interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
