package org.lethe.nn;

import java.util.ArrayList;
import java.util.List;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;

/** A layer whose input and output gradient can be observed through {@link LayerHook}s. */
public abstract class HookedLayer extends Layer {
    private final List<LayerHook> hooks = new ArrayList<>();

    /** Adds a hook; it stays until {@link #removeHook}. */
    public void addHook(LayerHook hook) {
        hooks.add(hook);
    }

    public void removeHook(LayerHook hook) {
        hooks.remove(hook);
    }

    /** Runs the hooks around a computed output: forward now, backward when the output's gradient is known. */
    protected Tensor observed(Tensor input, Tensor output) {
        if (hooks.isEmpty()) {
            return output;
        }
        NDArray in = input.value();
        for (LayerHook h : hooks) {
            h.onForward(this, in);
        }
        if (output.requiresGrad()) {
            List<LayerHook> snapshot = List.copyOf(hooks);
            output.registerGradHook(g -> {
                for (LayerHook h : snapshot) {
                    h.onBackward(this, in, g);
                }
            });
        }
        return output;
    }

    /** Hooks currently attached. */
    protected List<LayerHook> hooks() {
        return new ArrayList<>(hooks);
    }
}
