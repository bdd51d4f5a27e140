package org.lethe.data;

import java.util.function.IntUnaryOperator;
import org.lethe.tensor.Parallel;

/** Copies rows of a row-major feature array into a fresh array, in a given order. */
final class RowGather {
    private RowGather() {
    }

    /**
     * Rows {@code 0 .. count-1} of the result, each {@code rowLength} values read from {@code source} at
     * {@code sourceStart(row)}. Rows of a shuffled batch are scattered through memory, so large gathers use every
     * core.
     */
    static float[] gather(float[] source, int rowLength, int count, IntUnaryOperator sourceStart) {
        float[] out = new float[count * rowLength];
        Parallel.elementwise(count, (long) count * rowLength, (from, to) -> {
            for (int row = from; row < to; row++) {
                System.arraycopy(source, sourceStart.applyAsInt(row), out, row * rowLength, rowLength);
            }
        });
        return out;
    }
}
