package org.lethe.nn;

import org.lethe.autograd.Convolution;
import org.lethe.autograd.Tensor;

/** Max-pooling over non-overlapping square windows, see {@link Convolution#maxPool2d}. Has no parameters. */
public final class MaxPool2d extends Layer {
    private final int size;

    /** Pools {@code size x size} windows with stride {@code size}. */
    public MaxPool2d(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("max-pool window must be positive, got " + size);
        }
        this.size = size;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.maxPool2d(x, size);
    }

    public int size() {
        return size;
    }
}
