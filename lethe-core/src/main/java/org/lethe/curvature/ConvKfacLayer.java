package org.lethe.curvature;

import org.lethe.autograd.Convolution;
import org.lethe.nn.Conv2d;
import org.lethe.nn.HookedLayer;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

/**
 * A {@link Conv2d} for K-FAC in the KFC form (Grosse and Martens 2016): the inputs are the im2col patches
 * {@code a_{i,t} = [patch_{i,t}; 1]} at every output position {@code t}, the kernel is flattened to
 * {@code [out, in * kh * kw]} (the patch order) with the bias as the last column, and the output gradients are the
 * {@code ds_{i,t}} at every position. {@link FactorCollector} averages {@code a a^T} over all patches and sums
 * {@code ds ds^T} over the positions of each image before averaging over images, so that {@code A (x) G} is the
 * paper's {@code Omega (x) Gamma}.
 */
record ConvKfacLayer(Conv2d layer) implements KfacLayer {
    @Override
    public HookedLayer module() {
        return layer;
    }

    @Override
    public int inputSize() {
        return layer.inChannels() * layer.kernelH() * layer.kernelW() + (layer.bias() == null ? 0 : 1);
    }

    @Override
    public int outputSize() {
        return layer.outChannels();
    }

    @Override
    public NDArray inputRows(NDArray input) {
        NDArray cols = Convolution.unfold(input.to(Real64.INSTANCE), layer.kernelH(), layer.kernelW(),
                layer.stride(), layer.padding());
        NDArray patches = cols.permute(0, 2, 1).reshape(-1, cols.dim(1));
        return layer.bias() == null ? patches : LinearKfacLayer.withOnes(patches);
    }

    @Override
    public NDArray gradientRows(NDArray gradOutput) {
        NDArray d = gradOutput.to(Real64.INSTANCE).reshape(gradOutput.dim(0), layer.outChannels(), -1);
        return d.permute(0, 2, 1).reshape(-1, layer.outChannels());
    }

    @Override
    public long samples(NDArray inputOrGradient) {
        return inputOrGradient.dim(0);
    }

    @Override
    public NDArray weights() {
        NDArray w = layer.weight().value().to(Real64.INSTANCE).reshape(layer.outChannels(), -1).copy();
        return WeightColumns.append(w, layer.bias());
    }

    @Override
    public void setWeights(NDArray wb) {
        WeightColumns.assign(wb, layer.weight(), layer.bias(), layer.weight().shape());
    }
}
