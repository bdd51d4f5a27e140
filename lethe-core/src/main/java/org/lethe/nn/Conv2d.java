package org.lethe.nn;

import org.lethe.autograd.Convolution;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Rng;
import org.lethe.tensor.Shapes;

/**
 * 2-D convolution of {@code [N, C, H, W]} inputs, see {@link Convolution#conv2d}. The weight is stored
 * {@code [out, in, kh, kw]} as in PyTorch and, like the bias, initialised uniformly in
 * {@code +-1/sqrt(in * kh * kw)} (PyTorch's default). Hooks see the input activation {@code [N, C, H, W]} and
 * the output gradient {@code [N, O, OH, OW]}, from which {@link ConvPerExampleGradients} builds per-example
 * gradients.
 */
public final class Conv2d extends HookedLayer {
    private final Tensor weight;
    private final Tensor bias;
    private final int inChannels;
    private final int outChannels;
    private final int kernelH;
    private final int kernelW;
    private final int stride;
    private final int padding;

    public Conv2d(Algebra algebra, Rng rng, int inChannels, int outChannels, int kernelH, int kernelW, int stride,
                  int padding, boolean withBias) {
        if (inChannels < 1 || outChannels < 1 || kernelH < 1 || kernelW < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("invalid Conv2d(" + inChannels + "->" + outChannels + ", kernel "
                    + kernelH + "x" + kernelW + ", stride " + stride + ", padding " + padding + ")");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.stride = stride;
        this.padding = padding;
        double bound = 1.0 / Math.sqrt((double) inChannels * kernelH * kernelW);
        this.weight = addParameter("weight", Init.uniform(algebra, rng, bound, outChannels, inChannels, kernelH, kernelW));
        this.bias = withBias ? addParameter("bias", Init.uniform(algebra, rng, bound, outChannels)) : null;
    }

    /** A square-kernel convolution with bias, stride 1 and no padding. */
    public Conv2d(Algebra algebra, Rng rng, int inChannels, int outChannels, int kernel) {
        this(algebra, rng, inChannels, outChannels, kernel, kernel, 1, 0, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("Conv2d(" + inChannels + "->" + outChannels + ") needs [N, "
                    + inChannels + ", H, W] input, got " + Shapes.str(x.shape()));
        }
        return observed(x, Convolution.conv2d(x, weight, bias, stride, padding));
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer without one. */
    public Tensor bias() {
        return bias;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int kernelH() {
        return kernelH;
    }

    public int kernelW() {
        return kernelW;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }
}
