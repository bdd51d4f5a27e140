package org.lethe.optim;

import java.util.List;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, following
 * PyTorch's formulation: {@code g += wd * p; v = mu * v + g; p -= lr * (nesterov ? g + mu * v : v)}.
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final NDArray[] velocity;

    public Sgd(List<Tensor> params, double lr, double momentum, boolean nesterov, double weightDecay) {
        super(params, lr);
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.velocity = new NDArray[params.size()];
    }

    public Sgd(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, false, 0.0);
    }

    @Override
    protected void update(int i, NDArray p, NDArray grad) {
        NDArray g = grad;
        if (weightDecay != 0) {
            g = g.copy().axpyInPlace(weightDecay, p);
        }
        if (momentum == 0) {
            p.axpyInPlace(-learningRate(), g);
            return;
        }
        NDArray v = velocity[i];
        if (v == null) {
            v = g.copy();
            velocity[i] = v;
        } else {
            v.scaleInPlace(momentum).addInPlace(g);
        }
        if (nesterov) {
            p.axpyInPlace(-learningRate(), g);
            p.axpyInPlace(-learningRate() * momentum, v);
        } else {
            p.axpyInPlace(-learningRate(), v);
        }
    }

    @Override
    public java.util.Map<String, NDArray> state() {
        java.util.Map<String, NDArray> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < velocity.length; i++) {
            if (velocity[i] != null) {
                out.put("velocity." + i, velocity[i]);
            }
        }
        return out;
    }

    @Override
    protected void restore(java.util.Map<String, NDArray> state) {
        for (int i = 0; i < velocity.length; i++) {
            NDArray v = state.get("velocity." + i);
            velocity[i] = v == null ? null : v.copy();
        }
    }
}
