package org.lethe.autograd;

import org.lethe.tensor.Algebra;
import org.lethe.tensor.ConvGeometry;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Shapes;

/**
 * Differentiable 2-D convolution and max-pooling over {@code [batch, channels, height, width]} tensors, in any
 * algebra.
 *
 * <p>Convolution is im2col plus GEMM: images are unfolded side by side so that one algebra {@code gemm} convolves
 * a whole chunk of images at once, and the backward pass computes the weight gradient as a product with the
 * unfolded input and folds the input gradient back with col2im. Data movement goes through the algebra's
 * {@code im2col}/{@code col2im}/{@code maxPool2d} kernels, which have index-map defaults for every algebra and
 * direct loops for the real ones.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * Cross-correlation of {@code x [N, C, H, W]} with {@code weight [O, C, kh, kw]}, plus {@code bias [O]}
     * (or none when null), as in PyTorch's {@code conv2d}: output {@code [N, O, OH, OW]} with
     * {@code OH = (H + 2 padding - kh) / stride + 1} (and likewise {@code OW}).
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        NDArray xv = x.value();
        NDArray wv = weight.value();
        ConvGeometry g = geometry(xv, wv, bias, stride, padding);
        int outChannels = wv.dim(0);
        ChunkedConv2d conv = new ChunkedConv2d(xv.algebra(), g, xv.dim(0), outChannels);
        NDArray kernels = wv.reshape(outChannels, g.patchSize());
        boolean keepColumns = GradMode.enabled() && weight.requiresGrad();
        NDArray out = conv.forward(xv, kernels, bias == null ? null : bias.value(), keepColumns)
                .reshape(xv.dim(0), outChannels, g.outHeight, g.outWidth);
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        int[] wShape = wv.shape();
        return Tensor.record("conv2d", out, (grad, needs) -> {
            boolean needBias = inputs.length == 3 && needs[2];
            NDArray[] grads = conv.backward(grad, xv, kernels, needs[0], needs[1], needBias);
            if (grads[1] != null) {
                grads[1] = grads[1].reshape(wShape);
            }
            return inputs.length == 3 ? grads : new NDArray[] {grads[0], grads[1]};
        }, inputs);
    }

    /** {@link #conv2d} without bias. */
    public static Tensor conv2d(Tensor x, Tensor weight, int stride, int padding) {
        return conv2d(x, weight, null, stride, padding);
    }

    /**
     * Max-pooling of {@code x [N, C, H, W]} over non-overlapping {@code size x size} windows (stride
     * {@code size}; a trailing part smaller than a window is dropped), giving {@code [N, C, H/size, W/size]}.
     * Each window's maximum is chosen by key, the first in row-major window order on ties, and receives the whole
     * gradient.
     */
    public static Tensor maxPool2d(Tensor x, int size) {
        NDArray xv = x.value();
        if (xv.rank() != 4) {
            throw new IllegalArgumentException("maxPool2d needs [N, C, H, W] input, got " + Shapes.str(xv.shape()));
        }
        int[] inShape = xv.shape();
        if (size < 1 || inShape[2] < size || inShape[3] < size) {
            throw new IllegalArgumentException("maxPool2d window " + size + " does not fit input " + Shapes.str(inShape));
        }
        NDArray out = NDArray.zeros(xv.algebra(), inShape[0], inShape[1], inShape[2] / size, inShape[3] / size);
        int[] argmax = new int[out.size()];
        int channels = inShape[1];
        Algebra alg = xv.algebra();
        ParallelLoops.forEach(inShape[0], (long) channels * inShape[2] * inShape[3], n -> alg.maxPool2d(xv.storage(),
                xv.offset(), inShape[2], inShape[3], size, n * channels, channels, out.storage(), 0, argmax));
        return Tensor.record("max_pool2d", out, (grad, needs) -> new NDArray[] {grad.scatterAdd(argmax, inShape)}, x);
    }

    /**
     * Every image of {@code x [N, C, H, W]} unfolded on its own: {@code [N, C*kh*kw, OH*OW]}, where row
     * {@code (c, i, j)} of image {@code n} holds the input under kernel cell {@code (c, i, j)} at each output
     * position. An example's weight gradient is its output gradient {@code [O, OH*OW]} times the transpose of
     * this block, which is how per-example gradients avoid one backward pass per example.
     */
    public static NDArray unfold(NDArray x, int kernelH, int kernelW, int stride, int padding) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("unfold needs [N, C, H, W] input, got " + Shapes.str(x.shape()));
        }
        ConvGeometry g = new ConvGeometry(x.dim(1), x.dim(2), x.dim(3), kernelH, kernelW, stride, padding);
        int n = x.dim(0);
        int block = g.patchSize() * g.positions();
        NDArray out = NDArray.zeros(x.algebra(), n, g.patchSize(), g.positions());
        Algebra alg = x.algebra();
        ParallelLoops.forEach(n, block, i -> alg.im2col(x.storage(), x.offset() + i * g.imageSize(), 1, g,
                out.storage(), i * block, g.positions()));
        return out;
    }

    /** Output height or width of a convolution along one axis. */
    public static int outputSize(int inputSize, int kernel, int stride, int padding) {
        return (inputSize + 2 * padding - kernel) / stride + 1;
    }

    private static ConvGeometry geometry(NDArray x, NDArray w, Tensor bias, int stride, int padding) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException("conv2d needs input [N, C, H, W] and weight [O, C, kh, kw], got "
                    + Shapes.str(x.shape()) + " and " + Shapes.str(w.shape()));
        }
        if (x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("conv2d input has " + x.dim(1) + " channels but weight "
                    + Shapes.str(w.shape()) + " expects " + w.dim(1));
        }
        if (x.algebra() != w.algebra() || (bias != null && bias.algebra() != x.algebra())) {
            throw new IllegalArgumentException("conv2d operands must share one algebra");
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != w.dim(0))) {
            throw new IllegalArgumentException("conv2d bias must be [" + w.dim(0) + "], got " + Shapes.str(bias.shape()));
        }
        return new ConvGeometry(x.dim(1), x.dim(2), x.dim(3), w.dim(2), w.dim(3), stride, padding);
    }
}
