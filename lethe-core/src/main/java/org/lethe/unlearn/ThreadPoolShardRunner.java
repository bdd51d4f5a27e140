package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lethe.tensor.Parallel;
import org.lethe.train.ExecutorShutdown;

/** Runs shard jobs on a fixed pool of local threads. Results do not depend on the pool size. */
public final class ThreadPoolShardRunner implements ShardRunner {
    private final int threads;

    public ThreadPoolShardRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public <T> List<T> runAll(List<Callable<T>> jobs) throws Exception {
        if (jobs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.size()), r -> {
            Thread t = new Thread(r, "lethe-shard");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            // Shards trained side by side already keep the cores busy: their kernels run on their own thread
            // instead of asking the engine's workers for help. A lone shard gets the workers.
            boolean concurrent = Math.min(threads, jobs.size()) > 1;
            for (Callable<T> job : jobs) {
                futures.add(pool.submit(concurrent ? () -> Parallel.serially(job) : job));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception) {
                        throw (Exception) cause;
                    }
                    throw e;
                }
            }
            return out;
        } finally {
            // After a failure, queued shards are dropped but running ones do not stop at an interrupt; waiting
            // for them means no shard still writes into a directory that the caller discards next.
            pool.shutdownNow();
            ExecutorShutdown.awaitTermination(pool);
        }
    }
}
