package org.lethe.autograd;

import java.util.function.IntConsumer;
import org.lethe.tensor.Parallel;

/**
 * Runs independent work items (images, channels) on the engine's worker pool. Each item writes only its own
 * output and no reduction is ever split, so results are bit-identical whatever the number of threads or the split.
 */
final class ParallelLoops {
    /** Below this many elements of total work the hand-off to another thread costs more than it saves. */
    private static final long MIN_PARALLEL_WORK = 1 << 18;

    private ParallelLoops() {
    }

    /** Receives a range {@code [from, to)} of items. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    /** Calls {@code body} for every item {@code 0 <= n < count}; {@code workPerItem} is in elements. */
    static void forEach(int count, long workPerItem, IntConsumer body) {
        forRanges(count, workPerItem, (from, to) -> {
            for (int n = from; n < to; n++) {
                body.accept(n);
            }
        });
    }

    /**
     * Splits items {@code [0, count)} into one contiguous range per available thread (so kernels can sweep
     * their range in the most memory-friendly order) and calls {@code body} on each.
     */
    static void forRanges(int count, long workPerItem, RangeBody body) {
        Parallel.forRanges(count, (long) count * workPerItem, MIN_PARALLEL_WORK, body::run);
    }
}
