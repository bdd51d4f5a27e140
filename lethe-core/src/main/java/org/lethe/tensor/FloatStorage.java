package org.lethe.tensor;

/** One {@code float} per element; used by {@link Real32}. */
public final class FloatStorage extends Storage {
    /** The elements, row-major. Exposed so that kernels and data loaders can fill it without copies. */
    public final float[] data;

    public FloatStorage(float[] data) {
        this.data = data;
    }

    @Override
    public int size() {
        return data.length;
    }
}
