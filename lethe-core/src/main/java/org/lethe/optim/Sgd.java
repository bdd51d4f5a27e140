package org.lethe.optim;

import java.util.List;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.FloatStorage;
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
    /** False forces the generic path (tests compare the two). */
    boolean fused = true;

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
        if (fused && momentum != 0 && velocity[i] != null && p.storage() instanceof FloatStorage
                && grad.storage() instanceof FloatStorage) {
            updateFloat(i, p, grad);
            return;
        }
        updateGeneric(i, p, grad);
    }

    /**
     * The momentum update for F32 arrays in one pass, with the float operations of {@link #updateGeneric} in the same
     * order (bit-identical). Large tensors are split over the cores (element-wise, so results do not change).
     */
    private void updateFloat(int i, NDArray p, NDArray grad) {
        int n = p.size();
        float[] pa = FusedArrays.of(p);
        float[] ga = FusedArrays.of(grad);
        float[] va = FusedArrays.of(velocity[i]);
        float mu = (float) momentum;
        float wd = (float) weightDecay;
        boolean decay = weightDecay != 0;
        float step = (float) -learningRate();
        float nesterovStep = (float) (-learningRate() * momentum);
        FusedArrays.forRanges(n, (from, to) -> {
            for (int k = from; k < to; k++) {
                float g = ga[k];
                if (decay) {
                    g += wd * pa[k];
                }
                float v = va[k] * mu + 0f;
                v += 1f * g;
                va[k] = v;
                if (nesterov) {
                    pa[k] += step * g;
                    pa[k] += nesterovStep * v;
                } else {
                    pa[k] += step * v;
                }
            }
        });
        FusedArrays.writeBack(pa, p);
        FusedArrays.writeBack(va, velocity[i]);
    }

    /** The update written with array operations, for every algebra. */
    void updateGeneric(int i, NDArray p, NDArray grad) {
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
