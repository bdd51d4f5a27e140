package org.lethe.curvature;

import org.lethe.nn.Conv2d;
import org.lethe.nn.HookedLayer;
import org.lethe.nn.Linear;
import org.lethe.tensor.NDArray;

/**
 * A layer that K-FAC treats as {@code s = W a}: a {@link Linear} (every row of its input one sample) or a
 * {@link Conv2d} (KFC, Grosse and Martens 2016: every image one sample, its im2col patches the inputs, its kernel
 * flattened to {@code [out, in * kh * kw]}). The homogeneous coordinate of the bias is always the last input column.
 */
public interface KfacLayer {
    /** The layer in the model, where the hooks go. */
    HookedLayer module();

    /** {@code q}: inputs per row of {@link #inputRows}, the bias column included. */
    int inputSize();

    /** {@code p}: outputs, the size of {@code G}. */
    int outputSize();

    /** {@code [rows, q]} in F64, the inputs {@code a} the forward pass fed to the weights (patches for a convolution). */
    NDArray inputRows(NDArray input);

    /** {@code [rows, p]} in F64, the gradients at the outputs, one row per row of {@link #inputRows}. */
    NDArray gradientRows(NDArray gradOutput);

    /** Samples in a batch of inputs or output gradients (rows for a linear layer, images for a convolution). */
    long samples(NDArray inputOrGradient);

    /** {@code [W | b]}, {@code [p, q]} in F64, a copy. */
    NDArray weights();

    /** Sets {@code [W | b]} from a {@code [p, q]} F64 array. */
    void setWeights(NDArray wb);

    /** The K-FAC view of {@code layer}; only linear and convolutional layers have one. */
    static KfacLayer of(HookedLayer layer) {
        if (layer instanceof Linear l) {
            return new LinearKfacLayer(l);
        }
        if (layer instanceof Conv2d c) {
            return new ConvKfacLayer(c);
        }
        throw new IllegalArgumentException("K-FAC factors exist for linear and convolutional layers, not "
                + layer.getClass().getSimpleName());
    }
}
