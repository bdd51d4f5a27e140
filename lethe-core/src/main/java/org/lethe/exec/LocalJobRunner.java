package org.lethe.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lethe.tensor.Parallel;

/** Runs jobs on a fixed pool of local threads, with the {@link JobRunner} failure rule. */
public final class LocalJobRunner implements JobRunner {
    private final int threads;

    /** @param threads jobs run at once (at least 1) */
    public LocalJobRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        this.threads = threads;
    }

    /** A runner with one thread per core the engine uses. */
    public static LocalJobRunner perCore() {
        return new LocalJobRunner(Parallel.threads());
    }

    @Override
    public <R> List<R> runAll(List<? extends Job<R>> jobs, JobEnvironment environment) throws Exception {
        if (jobs.isEmpty()) {
            return List.of();
        }
        int workers = Math.min(threads, jobs.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "lethe-job");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<R>> futures = new ArrayList<>();
            CompletionService<R> done = new ExecutorCompletionService<>(pool);
            // Jobs run side by side already keep the cores busy: their kernels run on their own thread instead of
            // asking the engine's workers for help. A lone job gets the workers.
            boolean concurrent = workers > 1;
            for (Job<R> job : jobs) {
                futures.add(done.submit(() -> {
                    // A job that would start after another failed is dropped (its result is never read).
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        return concurrent ? Parallel.serially(() -> job.run(environment)) : job.run(environment);
                    } catch (Throwable t) {
                        failed.set(true);
                        throw t;
                    }
                }));
            }
            // Failures are taken in the order they happen, not in job order, so a late job's failure stops the
            // batch while an early job still runs.
            for (int i = 0; i < futures.size(); i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception) {
                        throw (Exception) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw e;
                }
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            // After a failure or an interrupt, queued jobs are dropped; running ones are waited for.
            pool.shutdownNow();
            ExecutorShutdown.awaitTermination(pool);
        }
    }
}
