package org.lethe.optim;

import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Mlp;
import org.lethe.nn.ParameterHash;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

/** A small seeded F32 training run whose final weights' hash tells optimiser variants apart. */
final class TinyTraining {
    private TinyTraining() {
    }

    /** A 12-9-4 MLP with seeded weights. */
    static Mlp model() {
        return new Mlp(Real32.INSTANCE, new Rng(3), 12, 9, 4);
    }

    /** Trains {@code model} with {@code optimizer} for 25 steps of seeded random data; returns its parameter hash. */
    static String train(Mlp model, Optimizer optimizer) {
        Rng data = new Rng(5);
        for (int step = 0; step < 25; step++) {
            double[] x = new double[8 * 12];
            for (int i = 0; i < x.length; i++) {
                x[i] = data.nextGaussian();
            }
            int[] y = new int[8];
            for (int i = 0; i < 8; i++) {
                y[i] = data.nextInt(4);
            }
            Tensor loss = Functional.crossEntropy(model.forward(Tensor.constant(NDArray.of(Real32.INSTANCE, x, 8, 12))), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
        }
        return ParameterHash.of(model);
    }
}
