package org.lethe.autograd;

import org.lethe.tensor.Algebra;
import org.lethe.tensor.BinaryOp;
import org.lethe.tensor.ConvGeometry;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Shapes;

/**
 * Differentiable 2-D convolution and max-pooling over {@code [batch, channels, height, width]} tensors, in any
 * algebra.
 *
 * <p>Convolution is im2col plus one matrix product: every image is unfolded into the columns of a single
 * {@code [C*kh*kw, N*OH*OW]} matrix, so that one large GEMM {@code W[O, C*kh*kw] x cols} computes the whole
 * batch, the shape BLAS runs fastest on both cores. Its {@code [O, N*OH*OW]} result is regrouped by image into
 * NCHW with the bias added in the same pass. The backward pass reuses the unfolded matrix for the weight
 * gradient and folds the input gradient back with col2im. Data movement goes through the algebra's
 * {@code im2col}/{@code col2im}/{@code maxPool2d} kernels, which have index-map defaults for every algebra.
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
        int n = xv.dim(0);
        int outChannels = wv.dim(0);
        int positions = g.positions();
        NDArray cols = unfoldColumns(xv, g);
        NDArray kernels = wv.reshape(outChannels, g.patchSize());
        NDArray byChannel = kernels.matmul(cols);
        NDArray out = channelsToImages(byChannel, bias == null ? null : bias.value(), n, outChannels, positions)
                .reshape(n, outChannels, g.outHeight, g.outWidth);
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        int[] xShape = xv.shape();
        int[] wShape = wv.shape();
        return Tensor.record("conv2d", out, (grad, needs) -> {
            NDArray gradByChannel = imagesToChannels(grad, n, outChannels, positions);
            NDArray[] grads = new NDArray[inputs.length];
            if (needs[1]) {
                grads[1] = gradByChannel.matmul(cols, false, true).reshape(wShape);
            }
            if (inputs.length == 3 && needs[2]) {
                grads[2] = gradByChannel.sum(1, false);
            }
            if (needs[0]) {
                grads[0] = foldColumns(kernels.matmul(gradByChannel, true, false), g, xShape);
            }
            return grads;
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
        ImageParallel.forEach(inShape[0], (long) channels * inShape[2] * inShape[3], n -> alg.maxPool2d(xv.storage(),
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
        ImageParallel.forEach(n, block, i -> alg.im2col(x.storage(), x.offset() + i * g.imageSize(), 1, g,
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

    /** {@code [C*kh*kw, N*P]}: image {@code n} fills columns {@code [n*P, (n+1)*P)}. */
    private static NDArray unfoldColumns(NDArray x, ConvGeometry g) {
        int n = x.dim(0);
        int positions = g.positions();
        int ld = n * positions;
        NDArray cols = NDArray.zeros(x.algebra(), g.patchSize(), ld);
        Algebra alg = x.algebra();
        ImageParallel.forRanges(n, (long) g.patchSize() * positions, (from, to) -> alg.im2col(x.storage(),
                x.offset() + from * g.imageSize(), to - from, g, cols.storage(), from * positions, ld));
        return cols;
    }

    /** The adjoint of {@link #unfoldColumns}: a new {@code xShape} array accumulating every column. */
    private static NDArray foldColumns(NDArray cols, ConvGeometry g, int[] xShape) {
        int n = xShape[0];
        int positions = g.positions();
        int ld = n * positions;
        NDArray x = NDArray.zeros(cols.algebra(), xShape);
        Algebra alg = cols.algebra();
        ImageParallel.forRanges(n, (long) g.patchSize() * positions, (from, to) -> alg.col2im(cols.storage(),
                cols.offset() + from * positions, ld, to - from, g, x.storage(), from * g.imageSize()));
        return x;
    }

    /** {@code [O, N*P] -> [N, O, P]}, adding {@code bias[o]} to channel {@code o} on the way when present. */
    private static NDArray channelsToImages(NDArray byChannel, NDArray bias, int n, int channels, int positions) {
        Algebra alg = byChannel.algebra();
        NDArray out = NDArray.zeros(alg, n, channels, positions);
        int ld = n * positions;
        ImageParallel.forEach(n, (long) channels * positions, i -> {
            for (int o = 0; o < channels; o++) {
                int src = byChannel.offset() + o * ld + i * positions;
                int dst = (i * channels + o) * positions;
                if (bias == null) {
                    alg.copy(byChannel.storage(), src, out.storage(), dst, positions);
                } else {
                    alg.binary(BinaryOp.ADD, byChannel.storage(), src, 1, bias.storage(), bias.offset() + o, 0,
                            out.storage(), dst, positions);
                }
            }
        });
        return out;
    }

    /** {@code [N, O, P] -> [O, N*P]}, the layout the weight and input gradients are products in. */
    private static NDArray imagesToChannels(NDArray images, int n, int channels, int positions) {
        Algebra alg = images.algebra();
        NDArray out = NDArray.zeros(alg, channels, n * positions);
        int ld = n * positions;
        ImageParallel.forEach(n, (long) channels * positions, i -> {
            for (int o = 0; o < channels; o++) {
                alg.copy(images.storage(), images.offset() + (i * channels + o) * positions, out.storage(),
                        o * ld + i * positions, positions);
            }
        });
        return out;
    }
}
