package org.lethe.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lethe.tensor.NDArray;

/**
 * Per-example parameter gradients of {@link Linear} layers from one ordinary backward pass, by the outer-product
 * trick. A hook records each layer's input activation {@code a} ({@code [B, in]}, or {@code [B, T..., in]} for
 * sequences) and the gradient {@code g} of the differentiated loss at its output ({@code [B, out]} or
 * {@code [B, T..., out]}); the weight gradient {@code sum_b sum_t g_bt a_bt^T} then splits by example:
 * <pre>
 *   weight contribution of example b:  G_b = g_b^T a_b    ([out, in]; for 2-D inputs the outer product g_b a_b^T)
 *   bias contribution of example b:    sum_t g_bt         ([out])
 * </pre>
 *
 * <p><b>What these are.</b> They are the per-example <em>contributions</em> to the gradient of the loss that was
 * differentiated: summed over the batch they give exactly the layer's parameter gradient from that backward
 * pass, and contribution {@code b} equals the gradient of that same loss with every other example's term
 * removed. Their scale is the loss's: with a mean loss {@code L = (1/B) sum_b l_b}, contribution {@code b} is
 * {@code (1/B) grad l_b}, so multiply by {@code B} to get the gradient of example {@code b}'s own loss. The split
 * is valid only when examples do not interact along axis 0 (no batch statistics in training mode).
 *
 * <p>Squared per-example gradient norms are available without forming the {@code [B, out, in]} array:
 * {@code ||g_b||^2 ||a_b||^2} for 2-D inputs, and {@code sum_{t,s} (g_bt . g_bs)(a_bt . a_bs)} from the two
 * {@code [T, T]} Gram matrices for sequences when that is smaller than {@code out * in}.
 *
 * <p>Like parameter gradients, recordings accumulate over backward passes until {@link #clear()}; a layer used
 * several times in one forward pass records each use, and the uses are summed as extra sequence positions. Call
 * {@link #clear()} before each batch and {@link #close()} to detach the hooks. All arrays are in the model's
 * algebra.
 */
public final class PerExampleGradients implements AutoCloseable {
    private final Map<Linear, List<Recording>> recordings = new LinkedHashMap<>();
    private final LayerHook hook = this::record;
    private boolean closed;

    private PerExampleGradients(List<Linear> layers) {
        for (Linear layer : layers) {
            recordings.put(layer, new ArrayList<>());
        }
        for (Linear layer : layers) {
            layer.addHook(hook);
        }
    }

    /** Attaches to every {@link Linear} in the module tree of {@code model} (the model itself included). */
    public static PerExampleGradients attach(Module model) {
        Set<Linear> found = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Linear> ordered = new ArrayList<>();
        collectLinear(model, found, ordered);
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("module " + model.getClass().getSimpleName() + " has no Linear layers");
        }
        return new PerExampleGradients(ordered);
    }

    /** Attaches to the given layers, each of which must be a {@link Linear}. */
    public static PerExampleGradients attach(List<? extends HookedLayer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to attach to");
        }
        Set<Linear> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Linear> linear = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            HookedLayer layer = layers.get(i);
            if (!(layer instanceof Linear)) {
                throw new IllegalArgumentException("per-example gradients support Linear layers; layer " + i + " is "
                        + (layer == null ? "null" : layer.getClass().getSimpleName()));
            }
            if (!seen.add((Linear) layer)) {
                throw new IllegalArgumentException("layer " + i + " is listed twice");
            }
            linear.add((Linear) layer);
        }
        return new PerExampleGradients(linear);
    }

    private static void collectLinear(Module m, Set<Linear> found, List<Linear> ordered) {
        if (m instanceof Linear && found.add((Linear) m)) {
            ordered.add((Linear) m);
        }
        for (Module child : m.children().values()) {
            collectLinear(child, found, ordered);
        }
    }

    private void record(Layer layer, NDArray input, NDArray gradOutput) {
        List<Recording> list = recordings.get(layer);
        if (list == null || closed) {
            return;
        }
        Linear linear = (Linear) layer;
        int[] in = input.shape();
        int[] out = gradOutput.shape();
        if (in.length < 2 || in.length != out.length
                || !Arrays.equals(Arrays.copyOf(in, in.length - 1), Arrays.copyOf(out, out.length - 1))) {
            throw new IllegalArgumentException("per-example gradients need a batch axis first and matching leading axes; "
                    + "Linear(" + linear.inFeatures() + "->" + linear.outFeatures() + ") saw input "
                    + Arrays.toString(in) + " and output gradient " + Arrays.toString(out));
        }
        if (!list.isEmpty() && list.get(0).batch() != in[0]) {
            throw new IllegalArgumentException("batch size changed from " + list.get(0).batch() + " to " + in[0]
                    + " without clear()");
        }
        list.add(new Recording(input, gradOutput));
    }

    /** The layers this object observes, in attachment order. */
    public List<Linear> layers() {
        return List.copyOf(recordings.keySet());
    }

    /** The batch size {@code B} of the recorded backward pass. */
    public int batchSize() {
        for (List<Recording> list : recordings.values()) {
            if (!list.isEmpty()) {
                return list.get(0).batch();
            }
        }
        throw new IllegalStateException("no backward pass has been recorded");
    }

    /** Per-example contributions to the weight gradient, {@code [B, out, in]}. */
    public NDArray weightGradients(Linear layer) {
        List<Recording> list = recordingsOf(layer);
        if (list.size() == 1 && list.get(0).input.rank() == 2) {
            Recording r = list.get(0);
            int b = r.batch();
            // Outer products by broadcasting: every element is one product, no sums.
            return r.gradOutput.reshape(b, layer.outFeatures(), 1).mul(r.input.reshape(b, 1, layer.inFeatures()));
        }
        return gradOutputs(layer, list).matmul(inputs(layer, list), true, false);
    }

    /** Per-example contributions to the bias gradient, {@code [B, out]}. */
    public NDArray biasGradients(Linear layer) {
        if (layer.bias() == null) {
            throw new IllegalArgumentException("Linear(" + layer.inFeatures() + "->" + layer.outFeatures()
                    + ") has no bias");
        }
        List<Recording> list = recordingsOf(layer);
        if (list.size() == 1 && list.get(0).input.rank() == 2) {
            return list.get(0).gradOutput.copy();
        }
        return gradOutputs(layer, list).sum(1, false);
    }

    /** Squared Frobenius norm of each example's weight contribution, {@code [B]}, without forming it if possible. */
    public NDArray squaredWeightNorms(Linear layer) {
        List<Recording> list = recordingsOf(layer);
        if (list.size() == 1 && list.get(0).input.rank() == 2) {
            Recording r = list.get(0);
            return rowSquares(r.gradOutput).mul(rowSquares(r.input));
        }
        NDArray g = gradOutputs(layer, list);
        NDArray a = inputs(layer, list);
        int b = g.dim(0);
        long positions = g.dim(1);
        if (positions * positions <= (long) layer.outFeatures() * layer.inFeatures()) {
            NDArray gramG = g.matmul(g, false, true);
            NDArray gramA = a.matmul(a, false, true);
            return gramG.mul(gramA).reshape(b, -1).sum(1, false);
        }
        return rowSquares(g.matmul(a, true, false).reshape(b, -1));
    }

    /** Squared norm of each example's bias contribution, {@code [B]}. */
    public NDArray squaredBiasNorms(Linear layer) {
        return rowSquares(biasGradients(layer));
    }

    /**
     * Squared norm of each example's contribution to the gradient of the layer's trainable parameters (weight,
     * and bias if present; frozen ones are left out), {@code [B]}.
     */
    public NDArray squaredNorms(Linear layer) {
        List<Recording> list = recordingsOf(layer);
        NDArray total = NDArray.zeros(list.get(0).input.algebra(), list.get(0).batch());
        if (layer.weight().requiresGrad()) {
            total = total.add(squaredWeightNorms(layer));
        }
        if (layer.bias() != null && layer.bias().requiresGrad()) {
            total = total.add(squaredBiasNorms(layer));
        }
        return total;
    }

    /** Squared norm of each example's contribution to the gradient of all trainable parameters observed, {@code [B]}. */
    public NDArray squaredNorms() {
        NDArray total = null;
        for (Map.Entry<Linear, List<Recording>> e : recordings.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            NDArray n = squaredNorms(e.getKey());
            total = total == null ? n : total.add(n);
        }
        if (total == null) {
            throw new IllegalStateException("no backward pass has been recorded");
        }
        return total;
    }

    /** Forgets the recordings, ready for the next batch. */
    public void clear() {
        for (List<Recording> list : recordings.values()) {
            list.clear();
        }
    }

    /** Detaches the hooks from every layer and forgets the recordings. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Linear layer : recordings.keySet()) {
            layer.removeHook(hook);
        }
        clear();
    }

    private List<Recording> recordingsOf(Linear layer) {
        List<Recording> list = recordings.get(layer);
        if (list == null) {
            throw new IllegalArgumentException("Linear(" + layer.inFeatures() + "->" + layer.outFeatures()
                    + ") is not observed by these per-example gradients");
        }
        if (list.isEmpty()) {
            throw new IllegalStateException("no backward pass has reached Linear(" + layer.inFeatures() + "->"
                    + layer.outFeatures() + ") since the last clear()");
        }
        return list;
    }

    /** Every recorded input as {@code [B, positions, in]}, uses of the layer joined along the positions. */
    private static NDArray inputs(Linear layer, List<Recording> list) {
        NDArray[] parts = new NDArray[list.size()];
        for (int i = 0; i < parts.length; i++) {
            Recording r = list.get(i);
            parts[i] = r.input.reshape(r.batch(), -1, layer.inFeatures());
        }
        return parts.length == 1 ? parts[0] : NDArray.concat(1, parts);
    }

    private static NDArray gradOutputs(Linear layer, List<Recording> list) {
        NDArray[] parts = new NDArray[list.size()];
        for (int i = 0; i < parts.length; i++) {
            Recording r = list.get(i);
            parts[i] = r.gradOutput.reshape(r.batch(), -1, layer.outFeatures());
        }
        return parts.length == 1 ? parts[0] : NDArray.concat(1, parts);
    }

    /** Sum of squares of each row of a {@code [B, n]} array. */
    private static NDArray rowSquares(NDArray x) {
        return x.mul(x).sum(1, false);
    }

    private static final class Recording {
        final NDArray input;
        final NDArray gradOutput;

        Recording(NDArray input, NDArray gradOutput) {
            this.input = input;
            this.gradOutput = gradOutput;
        }

        int batch() {
            return input.dim(0);
        }
    }
}
