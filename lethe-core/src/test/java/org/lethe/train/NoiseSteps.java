package org.lethe.train;

import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Layer;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/** Test helper: optimiser steps of a classifier on seeded noise (features uniform in [0, 1), random labels). */
final class NoiseSteps {
    private NoiseSteps() {
    }

    /** One step on a batch of {@code batch} examples drawn from {@code data}: features first, then labels. */
    static void step(Layer model, Optimizer opt, Rng data, int batch, int features, int classes) {
        float[] x = new float[batch * features];
        int[] y = new int[batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.nextDouble();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = data.nextInt(classes);
        }
        Tensor loss = Functional.crossEntropy(model.forward(Tensor.constant(NDArray.wrap(x, batch, features))), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
    }
}
