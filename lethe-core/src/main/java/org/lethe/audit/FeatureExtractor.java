package org.lethe.audit;

import java.util.ArrayList;
import java.util.List;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.LayerHook;
import org.lethe.nn.Linear;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.train.ClassificationTask;

/**
 * Reads a classifier's penultimate-layer features: the input of its last {@link Linear} layer (for an
 * {@code Mlp} the activations feeding the output layer, for a {@code SmallCnn} the input of {@code fc1}). A
 * {@link LayerHook} on that layer captures its input during an ordinary forward pass, so any classifier whose
 * head is a {@code Linear} works without model-specific code.
 */
public final class FeatureExtractor {
    private static final int CHUNK = 500;

    private final Layer model;
    private final Linear head;

    /** An extractor for {@code model}'s last {@link Linear} layer (depth first, in registration order). */
    public FeatureExtractor(Layer model) {
        this.model = model;
        this.head = lastLinear(model);
        if (head == null) {
            throw new IllegalArgumentException(model.getClass().getSimpleName()
                    + " has no Linear layer whose input could serve as penultimate features");
        }
    }

    /** The last {@link Linear} in {@code module}'s tree, depth first in registration order, or null. */
    public static Linear lastLinear(Module module) {
        List<Linear> found = new ArrayList<>();
        collect(module, found);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static void collect(Module m, List<Linear> out) {
        if (m instanceof Linear) {
            out.add((Linear) m);
        }
        for (Module child : m.children().values()) {
            collect(child, out);
        }
    }

    /** The layer whose input is read. */
    public Linear head() {
        return head;
    }

    /** Width of the features: the head's input width. */
    public int width() {
        return head.inFeatures();
    }

    /**
     * Features of the examples of {@code data} at {@code indices}, in evaluation mode and without recording, as a
     * {@code [indices.length, width]} array in {@code f64}.
     *
     * @param inputShape the model's input shape with a leading 0 for the batch axis, or null for flat features
     */
    public NDArray features(Dataset data, int[] indices, int[] inputShape) {
        ClassificationTask task = new ClassificationTask(data, inputShape, head.weight().algebra());
        List<NDArray> parts = new ArrayList<>();
        for (int s = 0; s < indices.length; s += CHUNK) {
            int n = Math.min(CHUNK, indices.length - s);
            int[] chunk = java.util.Arrays.copyOfRange(indices, s, s + n);
            parts.add(features(task.inputs(chunk)));
        }
        if (parts.isEmpty()) {
            return NDArray.zeros(Real64.INSTANCE, 0, width());
        }
        return parts.size() == 1 ? parts.get(0) : NDArray.concat(0, parts.toArray(new NDArray[0]));
    }

    /** Features of every example of {@code data}. */
    public NDArray features(Dataset data, int[] inputShape) {
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return features(data, all, inputShape);
    }

    /** Features of one batch of model inputs, {@code [batch, width]} in {@code f64}. */
    public NDArray features(Tensor inputs) {
        NDArray[] captured = new NDArray[1];
        LayerHook hook = new LayerHook() {
            @Override
            public void onForward(Layer layer, NDArray input) {
                captured[0] = input.copy();
            }

            @Override
            public void onBackward(Layer layer, NDArray input, NDArray gradOutput) {
            }
        };
        boolean wasTraining = model.isTraining();
        head.addHook(hook);
        model.train(false);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            model.forward(inputs);
        } finally {
            head.removeHook(hook);
            model.train(wasTraining);
        }
        if (captured[0] == null) {
            throw new IllegalStateException("the forward pass of " + model.getClass().getSimpleName()
                    + " did not reach its last Linear layer");
        }
        NDArray f = captured[0];
        return f.reshape(inputs.dim(0), -1).to(Real64.INSTANCE);
    }
}
