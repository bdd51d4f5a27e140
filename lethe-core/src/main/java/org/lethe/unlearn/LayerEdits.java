package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/**
 * Direct edits of a model's weights that several approximate methods start with: resetting whole layers to a fresh
 * initialisation, re-drawing chosen elements, adding Gaussian noise. A <em>layer</em> is the group of parameters
 * that share a name prefix ({@code fc0.weight} and {@code fc0.bias} form layer {@code fc0}), in the model's
 * registration order, so "the first layer" and "the last layer" mean the same for an MLP and the small CNN.
 */
public final class LayerEdits {
    private LayerEdits() {
    }

    /** The model's layers in order, each with its parameters by full name. */
    public static Map<String, Map<String, Tensor>> layers(Module model) {
        Map<String, Map<String, Tensor>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            String name = e.getKey();
            int dot = name.lastIndexOf('.');
            String layer = dot < 0 ? "" : name.substring(0, dot);
            out.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(name, e.getValue());
        }
        return out;
    }

    /** The names of the model's layers in order. */
    public static List<String> layerNames(Module model) {
        return new ArrayList<>(layers(model).keySet());
    }

    /** The first layer's name (the one that reads the input). */
    public static String firstLayer(Module model) {
        return layerNames(model).get(0);
    }

    /** The last layer's name (the classifier head). */
    public static String lastLayer(Module model) {
        List<String> names = layerNames(model);
        return names.get(names.size() - 1);
    }

    /** The parameters of {@code layer} by full name; an unknown layer is an error. */
    public static Map<String, Tensor> parametersOf(Module model, String layer) {
        Map<String, Tensor> params = layers(model).get(layer);
        if (params == null) {
            throw new IllegalArgumentException("the model has no layer '" + layer + "' (it has "
                    + layerNames(model) + ")");
        }
        return params;
    }

    /** The weight matrices and kernels (parameters of rank 2 or more) by full name, biases left out. */
    public static Map<String, Tensor> weights(Module model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            if (e.getValue().rank() >= 2) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Gives every parameter of {@code layer} in {@code model} the value it has in {@code fresh}. */
    public static void reset(Module model, Module fresh, String layer) {
        Map<String, Tensor> from = fresh.namedParameters();
        for (Map.Entry<String, Tensor> e : parametersOf(model, layer).entrySet()) {
            e.getValue().value().assign(from.get(e.getKey()).value());
        }
    }

    /**
     * Gives the elements of {@code param} where {@code chosen} is true the values of the same elements of
     * {@code fresh}, a parameter of the same shape from a fresh initialisation.
     */
    public static void redraw(Tensor param, Tensor fresh, boolean[] chosen) {
        double[] v = param.value().toDoubles();
        double[] f = fresh.value().toDoubles();
        if (v.length != chosen.length || f.length != v.length) {
            throw new IllegalArgumentException("a re-draw needs one choice per element: " + chosen.length + " for "
                    + v.length);
        }
        for (int i = 0; i < v.length; i++) {
            if (chosen[i]) {
                v[i] = f[i];
            }
        }
        param.value().assign(NDArray.of(param.algebra(), v, param.shape()));
    }

    /** Adds independent Gaussian noise of standard deviation {@code std} to every element of {@code param}. */
    public static void addNoise(Tensor param, double std, Rng rng) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("noise standard deviation must be finite and >= 0, got " + std);
        }
        double[] v = param.value().toDoubles();
        for (int i = 0; i < v.length; i++) {
            v[i] += std * rng.nextGaussian();
        }
        param.value().assign(NDArray.of(param.algebra(), v, param.shape()));
    }

    /** The root mean square of {@code param}'s elements: the scale noise is measured against. */
    public static double rootMeanSquare(Tensor param) {
        double[] v = param.value().toDoubles();
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s / Math.max(1, v.length));
    }
}
