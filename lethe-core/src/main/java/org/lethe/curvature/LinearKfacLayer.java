package org.lethe.curvature;

import org.lethe.nn.HookedLayer;
import org.lethe.nn.Linear;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

/** A {@link Linear} layer for K-FAC: inputs with extra axes (sequences) count every position as a sample. */
record LinearKfacLayer(Linear layer) implements KfacLayer {
    @Override
    public HookedLayer module() {
        return layer;
    }

    @Override
    public int inputSize() {
        return layer.inFeatures() + (layer.bias() == null ? 0 : 1);
    }

    @Override
    public int outputSize() {
        return layer.outFeatures();
    }

    @Override
    public NDArray inputRows(NDArray input) {
        NDArray x = input.to(Real64.INSTANCE).reshape(-1, layer.inFeatures());
        return layer.bias() == null ? x : withOnes(x);
    }

    @Override
    public NDArray gradientRows(NDArray gradOutput) {
        return gradOutput.to(Real64.INSTANCE).reshape(-1, layer.outFeatures());
    }

    @Override
    public long samples(NDArray inputOrGradient) {
        return inputOrGradient.size() / inputOrGradient.dim(-1);
    }

    @Override
    public NDArray weights() {
        NDArray w = layer.weight().value().to(Real64.INSTANCE);
        return WeightColumns.append(w.copy(), layer.bias());
    }

    @Override
    public void setWeights(NDArray wb) {
        WeightColumns.assign(wb, layer.weight(), layer.bias(), layer.weight().shape());
    }

    /** {@code x} with a column of ones appended (the homogeneous coordinate of the bias). */
    static NDArray withOnes(NDArray x) {
        return NDArray.concat(1, x, NDArray.full(Real64.INSTANCE, 1.0, x.dim(0), 1));
    }
}
