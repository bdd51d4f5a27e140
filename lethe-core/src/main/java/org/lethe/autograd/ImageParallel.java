package org.lethe.autograd;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent per-image work on the common fork-join pool. Each task writes only its own images' output, so
 * results are bit-identical whatever the number of threads or the split.
 */
final class ImageParallel {
    /** Below this many elements of total work the fork-join hand-off costs more than it saves. */
    private static final long MIN_PARALLEL_WORK = 1 << 16;

    private ImageParallel() {
    }

    /** Receives a range {@code [from, to)} of images. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    /** Calls {@code body} for every image {@code 0 <= n < count}; {@code workPerImage} is in elements. */
    static void forEach(int count, long workPerImage, IntConsumer body) {
        forRanges(count, workPerImage, (from, to) -> {
            for (int n = from; n < to; n++) {
                body.accept(n);
            }
        });
    }

    /**
     * Splits images {@code [0, count)} into one contiguous range per available thread (so kernels can sweep
     * their range in the most memory-friendly order) and calls {@code body} on each.
     */
    static void forRanges(int count, long workPerImage, RangeBody body) {
        int threads = Math.min(count, ForkJoinPool.getCommonPoolParallelism() + 1);
        if (threads < 2 || (long) count * workPerImage < MIN_PARALLEL_WORK) {
            body.run(0, count);
            return;
        }
        IntStream.range(0, threads).parallel().forEach(t -> body.run(
                (int) ((long) count * t / threads), (int) ((long) count * (t + 1) / threads)));
    }
}
