package org.lethe.nn;

import org.lethe.autograd.Convolution;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Shapes;

/**
 * Per-example gradients of a {@link Conv2d} layer from one ordinary backward pass. The weight gradient of a
 * convolution is a sum over examples of {@code gradOut_n [O, P] x cols_n^T [P, C*kh*kw]}, where {@code cols_n}
 * is the example's unfolded input; keeping the terms apart (a batched product) gives every example's gradient.
 *
 * <p>The gradients are those of whatever the backward pass differentiated: with a mean loss over the batch,
 * example {@code n}'s gradient is that of {@code loss_n / N}, and the per-example gradients sum to the batch
 * gradient.
 */
public final class ConvPerExampleGradients {
    private ConvPerExampleGradients() {
    }

    /**
     * Each example's weight gradient, {@code [N, O, C*kh*kw]} (reshape to {@code [N, O, C, kh, kw]} for the
     * weight's own layout), from the layer's input {@code [N, C, H, W]} and output gradient
     * {@code [N, O, OH, OW]} as a {@link LayerHook} sees them.
     */
    public static NDArray weight(Conv2d layer, NDArray input, NDArray gradOutput) {
        int n = input.dim(0);
        int positions = requireMatchingShapes(layer, input, gradOutput);
        NDArray cols = Convolution.unfold(input, layer.kernelH(), layer.kernelW(), layer.stride(), layer.padding());
        return gradOutput.reshape(n, layer.outChannels(), positions).matmul(cols, false, true);
    }

    /** Each example's bias gradient, {@code [N, O]}: its output gradient summed over positions. */
    public static NDArray bias(NDArray gradOutput) {
        if (gradOutput.rank() != 4) {
            throw new IllegalArgumentException("conv output gradient must be [N, O, OH, OW], got "
                    + Shapes.str(gradOutput.shape()));
        }
        return gradOutput.reshape(gradOutput.dim(0), gradOutput.dim(1), -1).sum(2, false);
    }

    private static int requireMatchingShapes(Conv2d layer, NDArray input, NDArray gradOutput) {
        if (input.rank() != 4 || input.dim(1) != layer.inChannels()) {
            throw new IllegalArgumentException("conv input must be [N, " + layer.inChannels() + ", H, W], got "
                    + Shapes.str(input.shape()));
        }
        int outH = Convolution.outputSize(input.dim(2), layer.kernelH(), layer.stride(), layer.padding());
        int outW = Convolution.outputSize(input.dim(3), layer.kernelW(), layer.stride(), layer.padding());
        int[] expected = {input.dim(0), layer.outChannels(), outH, outW};
        if (!java.util.Arrays.equals(gradOutput.shape(), expected)) {
            throw new IllegalArgumentException("conv output gradient must be " + Shapes.str(expected) + ", got "
                    + Shapes.str(gradOutput.shape()));
        }
        return outH * outW;
    }

    /**
     * A hook that computes the per-example gradients of every backward pass through the {@link Conv2d} layers it
     * is attached to, keeping the latest ones.
     */
    public static final class Recorder implements LayerHook {
        private NDArray weight;
        private NDArray bias;

        @Override
        public void onBackward(Layer layer, NDArray input, NDArray gradOutput) {
            if (!(layer instanceof Conv2d)) {
                throw new IllegalArgumentException("ConvPerExampleGradients.Recorder attached to a "
                        + layer.getClass().getSimpleName() + ", not a Conv2d");
            }
            Conv2d conv = (Conv2d) layer;
            weight = ConvPerExampleGradients.weight(conv, input, gradOutput);
            bias = conv.bias() == null ? null : ConvPerExampleGradients.bias(gradOutput);
        }

        /** The latest per-example weight gradients {@code [N, O, C*kh*kw]}, or null before any backward pass. */
        public NDArray weight() {
            return weight;
        }

        /** The latest per-example bias gradients {@code [N, O]}, or null (no pass yet, or no bias). */
        public NDArray bias() {
            return bias;
        }
    }
}
