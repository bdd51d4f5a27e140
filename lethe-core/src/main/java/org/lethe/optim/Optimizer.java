package org.lethe.optim;

import java.util.List;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;

/**
 * Updates parameters from their accumulated gradients. Updates run outside the tape and in the parameters' own
 * algebra, so optimiser state (momentum, Adam moments) lives in that algebra too.
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    private double learningRate;
    private long steps;

    protected Optimizer(List<Tensor> params, double learningRate) {
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
    }

    /** Applies one update to every parameter that has a gradient, then counts the step. */
    public final void step() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            steps++;
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                if (p.grad() != null && p.requiresGrad()) {
                    update(i, p.value(), p.grad());
                }
            }
        }
    }

    /**
     * The optimiser's internal state (momentum buffers, moments) by name, for checkpoints. Names are stable:
     * {@code <kind>.<parameter index>}. The step count is saved separately by {@link #stepCount()}.
     */
    public abstract java.util.Map<String, NDArray> state();

    /** Restores state saved by {@link #state()} (arrays are copied) and the step count. */
    public void loadState(java.util.Map<String, NDArray> state, long stepCount) {
        restore(state);
        this.steps = stepCount;
    }

    /** Restores the optimiser-specific part of the state. */
    protected abstract void restore(java.util.Map<String, NDArray> state);

    /** Updates parameter {@code index} in place. */
    protected abstract void update(int index, NDArray param, NDArray grad);

    /**
     * Clears the parameters' gradients. Their arrays may be reused by the next backward pass (see
     * {@link Tensor#releaseGrad()}): copy a gradient read before this call to keep it.
     */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.releaseGrad();
        }
    }

    public double learningRate() {
        return learningRate;
    }

    /** Sets the rate for the next steps (schedules call this). */
    public void setLearningRate(double lr) {
        learningRate = lr;
    }

    /** Number of completed steps (1 during the first update). */
    public long stepCount() {
        return steps;
    }

    public List<Tensor> parameters() {
        return params;
    }
}
