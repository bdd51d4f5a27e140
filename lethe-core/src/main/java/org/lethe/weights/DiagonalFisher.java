package org.lethe.weights;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.LayerHook;
import org.lethe.nn.Linear;
import org.lethe.nn.Mlp;
import org.lethe.nn.PerExampleGradients;
import org.lethe.tensor.NDArray;
import org.lethe.train.ClassificationTask;

/**
 * The diagonal of the empirical Fisher information of a classifier, {@code F = mean over examples of g_i^2}
 * elementwise, where {@code g_i} is the gradient of example {@code i}'s own cross-entropy (with its true label).
 * Per-example gradients come from one backward pass per batch, as in {@link PerExampleGradients}: a
 * {@link Linear} layer's per-example weight gradient is the outer product of its output gradient and input, so the
 * sum of their squares is {@code (g^2)^T (a^2)}, computed without forming the per-example gradients. Defined for
 * models whose weights all sit in {@link Linear} layers ({@link Mlp}).
 */
public final class DiagonalFisher {
    private DiagonalFisher() {
    }

    /**
     * The diagonal Fisher of {@code model} over the examples {@code indices} of {@code data}, in batches of
     * {@code batchSize}, as a weight set (same names and shapes as the model).
     */
    public static WeightSet estimate(Layer model, Dataset data, int[] indices, int batchSize) {
        if (!(model instanceof Mlp mlp)) {
            throw new IllegalArgumentException("the diagonal Fisher is computed for MLPs (every weight in a Linear "
                    + "layer), not for " + model.getClass().getSimpleName());
        }
        if (indices.length == 0 || batchSize < 1) {
            throw new IllegalArgumentException("the Fisher needs examples and a positive batch size");
        }
        List<Linear> layers = mlp.layers();
        Map<Linear, NDArray[]> sums = new IdentityHashMap<>();
        Map<Linear, NDArray[]> pending = new IdentityHashMap<>();
        LayerHook hook = (layer, input, gradOutput) -> pending.put((Linear) layer, new NDArray[] {input, gradOutput});
        ClassificationTask task = new ClassificationTask(data, null, layers.get(0).weight().value().algebra());
        boolean wasTraining = model.isTraining();
        model.train(false);
        for (Linear l : layers) {
            l.addHook(hook);
        }
        try {
            for (int s = 0; s < indices.length; s += batchSize) {
                int[] batch = Arrays.copyOfRange(indices, s, Math.min(indices.length, s + batchSize));
                pending.clear();
                Tensor loss = Functional.crossEntropy(model.forward(task.inputs(batch)), data.labels(batch));
                loss.backward();
                for (Linear l : layers) {
                    NDArray[] ag = pending.get(l);
                    // The loss is a batch mean: scale back to each example's own gradient.
                    NDArray g2 = ag[1].mul((double) batch.length);
                    g2 = g2.mul(g2);
                    NDArray a2 = ag[0].mul(ag[0]);
                    NDArray w = g2.matmul(a2, true, false);
                    NDArray b = g2.sum(0, false);
                    NDArray[] acc = sums.get(l);
                    if (acc == null) {
                        sums.put(l, new NDArray[] {w, b});
                    } else {
                        acc[0].addInPlace(w);
                        acc[1].addInPlace(b);
                    }
                }
                model.zeroGrad();
            }
        } finally {
            for (Linear l : layers) {
                l.removeHook(hook);
            }
            model.train(wasTraining);
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            NDArray[] acc = sums.get(layers.get(i));
            out.put("fc" + i + ".weight", acc[0].mul(1.0 / indices.length));
            out.put("fc" + i + ".bias", acc[1].mul(1.0 / indices.length));
        }
        return WeightSet.owning(out);
    }
}
