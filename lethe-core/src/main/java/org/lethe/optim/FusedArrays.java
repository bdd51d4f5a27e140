package org.lethe.optim;

import java.util.Arrays;
import org.lethe.tensor.FloatStorage;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Parallel;

/**
 * The F32 arrays behind the fused optimiser loops, always starting at index 0. The JIT vectorises a loop over
 * several arrays only when all are indexed alike; with per-array offsets it cannot rule out overlap and runs
 * the loop one element at a time (five times slower here). Parameters, gradients and optimiser state own their
 * storage from index 0 in practice, so this is free; a view at an offset is copied out and written back.
 */
final class FusedArrays {
    private FusedArrays() {
    }

    /** The elements of a contiguous F32 array, from index 0: its own storage when possible, else a copy. */
    static float[] of(NDArray a) {
        float[] data = ((FloatStorage) a.storage()).data;
        return a.offset() == 0 ? data : Arrays.copyOfRange(data, a.offset(), a.offset() + a.size());
    }

    /** Copies {@code values} into {@code a} unless they are already its storage. */
    static void writeBack(float[] values, NDArray a) {
        float[] data = ((FloatStorage) a.storage()).data;
        if (values != data) {
            System.arraycopy(values, 0, data, a.offset(), a.size());
        }
    }

    /** Runs an element-wise pass over {@code [0, n)}, split into one contiguous range per core when large. */
    static void forRanges(int n, Parallel.RangeTask pass) {
        Parallel.elementwise(n, n, pass);
    }
}
