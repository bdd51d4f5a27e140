package org.lethe.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A low-latency pool for the engine's short parallel regions. A training step hands out many regions of a
 * fraction of a millisecond each (the halves of one matrix product, the images of one convolution chunk); waking
 * a parked thread costs tens of microseconds on a virtual machine, as much as the work itself. So the workers
 * spin for a short while after each region before they park, as OpenMP runtimes do, and the calling thread
 * takes chunks too instead of waiting.
 *
 * <p>One region runs at a time. A call made while a region is running (from inside a chunk, or from another
 * thread, such as a second shard trained concurrently) runs its chunks on the calling thread. Chunks are taken
 * dynamically; callers make each chunk write its own outputs, so the assignment never changes results.
 */
final class WorkerPool {
    private final Worker[] workers;
    private final long spinNanos;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Region current;

    WorkerPool(int threads, long spinNanos) {
        this.spinNanos = spinNanos;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
            Thread t = new Thread(workers[i]::loop, "lethe-worker-" + (i + 1));
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
    }

    /**
     * Runs every chunk of {@code [0, chunks)}, on the workers and the calling thread, or on the calling thread
     * alone when the pool is already running a region. Rethrows the first failure of any chunk.
     */
    void run(int chunks, Parallel.ChunkTask task) {
        if (!busy.compareAndSet(false, true)) {
            for (int c = 0; c < chunks; c++) {
                task.run(c);
            }
            return;
        }
        Region region = new Region(chunks, task);
        try {
            current = region;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w.thread);
                }
            }
            region.work();
            region.awaitDone();
        } finally {
            current = null;
            busy.set(false);
        }
        region.rethrow();
    }

    /** One parallel region: a chunk counter shared by every thread that helps. */
    private static final class Region {
        final int chunks;
        final Parallel.ChunkTask task;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Region(int chunks, Parallel.ChunkTask task) {
            this.chunks = chunks;
            this.task = task;
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    if (failure.get() == null) {
                        task.run(c);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.incrementAndGet();
                }
            }
        }

        void awaitDone() {
            int spins = 0;
            while (finished.get() < chunks) {
                // A worker descheduled mid-chunk (by the garbage collector or the compiler) should not keep
                // this core spinning for long.
                if (++spins > 10_000) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private final class Worker {
        Thread thread;
        volatile boolean parked;

        void loop() {
            Region done = null;
            while (true) {
                Region r = awaitRegion(done);
                r.work();
                done = r;
            }
        }

        private Region awaitRegion(Region done) {
            long deadline = System.nanoTime() + spinNanos;
            while (true) {
                Region r = current;
                if (r != null && r != done) {
                    return r;
                }
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                // Publish the intent to park before the last look, so that a caller that publishes a region
                // after that look is sure to see the flag and unpark this thread.
                parked = true;
                r = current;
                if (r == null || r == done) {
                    LockSupport.park(this);
                }
                parked = false;
                deadline = System.nanoTime() + spinNanos;
            }
        }
    }
}
