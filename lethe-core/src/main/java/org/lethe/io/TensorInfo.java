package org.lethe.io;

import java.util.Arrays;

/** One tensor's entry in a safetensors header: its type, shape and byte range within the data buffer. */
public final class TensorInfo {
    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final long begin;
    private final long end;

    TensorInfo(String name, DType dtype, int[] shape, long begin, long end) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.begin = begin;
        this.end = end;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** First byte, relative to the start of the data buffer (just after the header). */
    public long begin() {
        return begin;
    }

    /** One past the last byte, relative to the start of the data buffer. */
    public long end() {
        return end;
    }

    /** Number of elements. */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
