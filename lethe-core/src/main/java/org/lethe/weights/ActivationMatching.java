package org.lethe.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lethe.autograd.GradMode;
import org.lethe.data.Dataset;
import org.lethe.nn.HookedLayer;
import org.lethe.nn.Layer;
import org.lethe.nn.LayerHook;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.train.ClassificationTask;

/**
 * Activation matching (Git Re-Basin): runs A and B on the same examples and, for each permutation group
 * independently, matches A's units to B's by the exact linear assignment that maximises the summed Pearson
 * correlation of their activations. A unit's activation is what the next layer reads from it: the layer input
 * the group's last axis belongs to (after the non-linearity and any pooling), over every example and, for a
 * convolution channel, every spatial position.
 */
public final class ActivationMatching {
    private static final int CHUNK = 500;

    private ActivationMatching() {
    }

    /**
     * Aligns {@code a} to {@code b} on the examples {@code indices} of {@code data}.
     *
     * @param inputShape the models' input shape with a leading 0 for the batch axis, or null for flat features
     */
    public static Alignment align(PermutationSpec spec, Layer a, Layer b, Dataset data, int[] indices,
                                  int[] inputShape) {
        WeightSet wa = WeightSet.of(a);
        wa.requireSameLayout(WeightSet.of(b), "model aligned to");
        spec.check(wa);
        if (indices.length < 2) {
            throw new IllegalArgumentException("activation matching needs at least 2 examples, got " + indices.length);
        }
        long start = System.nanoTime();
        int groups = spec.groups().size();
        int[][] perms = new int[groups][];
        double objective = 0;
        for (int g = 0; g < groups; g++) {
            PermutationGroup group = spec.groups().get(g);
            PermutedAxis consumer = group.axes().get(group.axes().size() - 1);
            NDArray za = standardised(activations(a, consumer, data, indices, inputShape));
            NDArray zb = standardised(activations(b, consumer, data, indices, inputShape));
            double[] correlation = zb.matmul(za, false, true).mul(1.0 / za.dim(1)).toDoubles();
            perms[g] = LinearAssignment.maximise(correlation, group.size());
            objective += LinearAssignment.value(correlation, group.size(), perms[g]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Alignment("activations", perms, 1, 1, objective, seconds, spec.apply(wa, perms));
    }

    // [units, samples] in f64: the input of the layer owning consumer's weight, unit axis first.
    private static NDArray activations(Layer model, PermutedAxis consumer, Dataset data, int[] indices,
                                       int[] inputShape) {
        String name = consumer.parameter();
        HookedLayer layer = layerOwning(model, name.substring(0, name.lastIndexOf('.')));
        PermutedAxis inputAxis = new PermutedAxis(name, 1, consumer.block());
        ClassificationTask task = new ClassificationTask(data, inputShape, model.namedParameters().get(name)
                .value().algebra());
        List<NDArray> parts = new ArrayList<>();
        NDArray[] captured = new NDArray[1];
        LayerHook hook = new LayerHook() {
            @Override
            public void onForward(Layer l, NDArray input) {
                captured[0] = input.copy();
            }

            @Override
            public void onBackward(Layer l, NDArray input, NDArray gradOutput) {
            }
        };
        boolean wasTraining = model.isTraining();
        layer.addHook(hook);
        model.train(false);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int s = 0; s < indices.length; s += CHUNK) {
                int[] chunk = Arrays.copyOfRange(indices, s, Math.min(indices.length, s + CHUNK));
                model.forward(task.inputs(chunk));
                parts.add(inputAxis.unitsFirst(captured[0]).to(Real64.INSTANCE));
            }
        } finally {
            layer.removeHook(hook);
            model.train(wasTraining);
        }
        return parts.size() == 1 ? parts.get(0) : NDArray.concat(1, parts.toArray(new NDArray[0]));
    }

    // Each row centred and scaled to unit variance; a constant (dead) unit stays all zero and correlates with nothing.
    private static NDArray standardised(NDArray rows) {
        int units = rows.dim(0);
        int samples = rows.dim(1);
        double[] v = rows.toDoubles();
        for (int u = 0; u < units; u++) {
            double mean = 0;
            for (int s = 0; s < samples; s++) {
                mean += v[u * samples + s];
            }
            mean /= samples;
            double var = 0;
            for (int s = 0; s < samples; s++) {
                double d = v[u * samples + s] - mean;
                var += d * d;
            }
            double scale = var > 0 ? 1 / Math.sqrt(var / samples) : 0;
            for (int s = 0; s < samples; s++) {
                v[u * samples + s] = (v[u * samples + s] - mean) * scale;
            }
        }
        return NDArray.of(Real64.INSTANCE, v, units, samples);
    }

    static HookedLayer layerOwning(Module model, String path) {
        Module m = model;
        for (String part : path.split("\\.")) {
            m = m.children().get(part);
            if (m == null) {
                throw new IllegalArgumentException("no layer " + path + " in " + model.getClass().getSimpleName());
            }
        }
        if (!(m instanceof HookedLayer h)) {
            throw new IllegalArgumentException("layer " + path + " cannot be observed");
        }
        return h;
    }
}
