package org.lethe.tensor;

import java.util.concurrent.Callable;

/**
 * Deterministic data parallelism. Work is cut into chunks whose boundaries depend only on the problem size,
 * never on the number of threads, and each chunk writes its own outputs; so results are bit-identical whether
 * one core or many run them. The thread count comes from the system property {@code lethe.threads}, then the
 * environment variable {@code LETHE_THREADS}, then the number of processors.
 */
public final class Parallel {
    private static final int THREADS = configuredThreads();
    private static final WorkerPool POOL = THREADS > 1 ? new WorkerPool(THREADS, configuredSpinNanos()) : null;

    private Parallel() {
    }

    private static int configuredThreads() {
        String v = System.getProperty("lethe.threads");
        if (v == null) {
            v = System.getenv("LETHE_THREADS");
        }
        if (v != null) {
            try {
                return Math.max(1, Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("lethe.threads / LETHE_THREADS must be a whole number, got '" + v + "'");
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    // Workers spin this long after a region before they park: longer than the serial gaps between the regions
    // of a training step, short enough to leave the cores to the compiler and the collector when idle.
    private static long configuredSpinNanos() {
        String v = System.getProperty("lethe.spinMicros", "200");
        try {
            return Math.max(0L, Long.parseLong(v.trim())) * 1000L;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lethe.spinMicros must be a whole number, got '" + v + "'");
        }
    }

    /** Number of worker threads used for parallel kernels. */
    public static int threads() {
        return THREADS;
    }

    /** A task over chunk {@code c} of a fixed chunking. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int chunk);
    }

    /**
     * Runs {@code body} with every {@link #forEachChunk} inside it on the calling thread. Callers that already
     * keep every core busy with work of their own use it so that kernels inside do not hand chunks to other
     * threads, which would only wait on each other. Results do not change: the chunking stays the same.
     */
    public static void serially(Runnable body) {
        int depth = SERIAL_DEPTH.get()[0]++;
        try {
            body.run();
        } finally {
            SERIAL_DEPTH.get()[0] = depth;
        }
    }

    /** {@link #serially(Runnable)} for work that returns a value or throws a checked exception. */
    public static <T> T serially(Callable<T> body) throws Exception {
        int depth = SERIAL_DEPTH.get()[0]++;
        try {
            return body.call();
        } finally {
            SERIAL_DEPTH.get()[0] = depth;
        }
    }

    private static final ThreadLocal<int[]> SERIAL_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** Runs {@code task} for every chunk in {@code [0, chunks)}, in parallel when worthwhile. */
    public static void forEachChunk(int chunks, ChunkTask task) {
        if (chunks <= 1 || POOL == null || SERIAL_DEPTH.get()[0] > 0) {
            for (int c = 0; c < chunks; c++) {
                task.run(c);
            }
            return;
        }
        POOL.run(chunks, task);
    }

    /** Receives a range {@code [from, to)} of items. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /**
     * Splits items {@code [0, count)} into one contiguous range per thread (so a kernel can sweep its range in
     * the most memory-friendly order) and runs {@code task} on each. Only for work whose results do not depend
     * on where the ranges are cut: each item must write its own outputs.
     */
    public static void forRanges(int count, RangeTask task) {
        forRanges(count, Long.MAX_VALUE, 0, task);
    }

    /**
     * {@link #forRanges(int, RangeTask)} when {@code work} (the caller's measure of the whole job) reaches
     * {@code minParallelWork}; below it the hand-off to another thread costs more than it saves, and {@code task}
     * runs on the calling thread over all items.
     */
    public static void forRanges(int count, long work, long minParallelWork, RangeTask task) {
        if (work < minParallelWork) {
            task.run(0, count);
            return;
        }
        int parts = Math.min(count, THREADS);
        if (parts < 2) {
            task.run(0, count);
            return;
        }
        forEachChunk(parts, p -> task.run((int) ((long) count * p / parts), (int) ((long) count * (p + 1) / parts)));
    }

    // Below this many elements one core finishes an element-wise pass sooner than it can hand half of it over.
    // Set low enough that a batch-64 step's activations are split too: its products are short, and passes run
    // on the calling thread alone left the other core idle long enough to park (batch-64 steps of an MLP
    // 784-256-10 with Adam took 17-20% less time with 8,192 than with 32,768, in alternating runs).
    private static final long ELEMENTWISE_PARALLEL_ELEMENTS = 1 << 13;

    /**
     * Runs an element-wise pass over items {@code [0, count)}, split into one contiguous range per thread when
     * the pass is large ({@code elements} counts the elements it touches per output). Each item must be computed
     * on its own, so the split never changes results.
     */
    public static void elementwise(int count, long elements, RangeTask pass) {
        forRanges(count, elements, ELEMENTWISE_PARALLEL_ELEMENTS, pass);
    }
}
