package org.lethe.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        try {
            List<Future<R>> futures = new ArrayList<>();
            // Jobs run side by side already keep the cores busy: their kernels run on their own thread instead of
            // asking the engine's workers for help. A lone job gets the workers.
            boolean concurrent = workers > 1;
            for (Job<R> job : jobs) {
                futures.add(pool.submit(concurrent ? () -> Parallel.serially(() -> job.run(environment))
                        : () -> job.run(environment)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
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
            return out;
        } finally {
            // After a failure or an interrupt, queued jobs are dropped; running ones are waited for.
            pool.shutdownNow();
            ExecutorShutdown.awaitTermination(pool);
        }
    }
}
