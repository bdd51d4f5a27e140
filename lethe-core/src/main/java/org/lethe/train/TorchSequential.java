package org.lethe.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;

/**
 * The correspondence between Lethe's classifiers and the same networks written as PyTorch
 * {@code torch.nn.Sequential} state dicts, whose tensors are named by the position of their module
 * ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...). Weight layouts already agree (linear weights
 * {@code [out, in]}, convolution kernels {@code [out, in, kh, kw]}), so only the names differ.
 *
 * <p>The networks: an MLP {@code 784-H...-10} is {@code Sequential(Linear, ReLU, Linear, ReLU, ..., Linear)}; the
 * small CNN is {@code Sequential(Conv2d(1,32,5), MaxPool2d(2), ReLU, Conv2d(32,64,5), MaxPool2d(2), ReLU, Flatten,
 * Linear(1024,128), ReLU, Linear(128,10))} (max-pooling and ReLU commute, so ReLU-then-pool is the same network).
 * Importing reads the parameterised modules in the order of their position, whatever modules without parameters
 * sit between them (dropout, another activation), and checks every shape; exporting writes the positions above.
 */
public final class TorchSequential {
    private TorchSequential() {
    }

    /** The Sequential positions Lethe writes for each of {@code spec}'s layers, in Lethe's layer order. */
    static int[] exportPositions(ModelSpec spec, int layers) {
        int[] out = new int[layers];
        if (spec.kind().equals("cnn")) {
            return new int[] {0, 3, 7, 9};
        }
        for (int i = 0; i < layers; i++) {
            out[i] = 2 * i;
        }
        return out;
    }

    /**
     * {@code torch} (a Sequential state dict, by tensor name) renamed to the parameters of {@code model} (built from
     * {@code spec}); errors say which module or shape does not fit.
     */
    public static Map<String, NDArray> toLethe(Map<String, NDArray> torch, Module model, ModelSpec spec) {
        requireSupported(spec);
        List<String> layers = layerNames(model);
        TreeMap<Integer, Map<String, NDArray>> byPosition = new TreeMap<>(Comparator.naturalOrder());
        for (Map.Entry<String, NDArray> e : torch.entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            if (dot <= 0 || !name.substring(0, dot).matches("\\d+")) {
                throw new IllegalArgumentException("tensor '" + name + "' is not named like a torch.nn.Sequential "
                        + "state dict (position.weight, position.bias)");
            }
            byPosition.computeIfAbsent(Integer.parseInt(name.substring(0, dot)), k -> new LinkedHashMap<>())
                    .put(name.substring(dot + 1), e.getValue());
        }
        if (byPosition.size() != layers.size()) {
            throw new IllegalArgumentException("the file has " + byPosition.size() + " layers with parameters "
                    + byPosition.keySet() + "; a " + describe(spec) + " has " + layers.size());
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        Map<String, org.lethe.autograd.Tensor> params = model.namedParameters();
        int i = 0;
        for (Map.Entry<Integer, Map<String, NDArray>> layer : byPosition.entrySet()) {
            String lethe = layers.get(i++);
            for (Map.Entry<String, NDArray> p : layer.getValue().entrySet()) {
                String target = lethe + "." + p.getKey();
                org.lethe.autograd.Tensor param = params.get(target);
                if (param == null) {
                    throw new IllegalArgumentException("tensor " + layer.getKey() + "." + p.getKey() + " has no "
                            + "counterpart in a " + describe(spec) + " (layer " + lethe + " has "
                            + paramsOf(params, lethe) + ")");
                }
                if (!java.util.Arrays.equals(param.shape(), p.getValue().shape())) {
                    throw new IllegalArgumentException("tensor " + layer.getKey() + "." + p.getKey() + " has shape "
                            + java.util.Arrays.toString(p.getValue().shape()) + "; " + describe(spec) + " needs "
                            + java.util.Arrays.toString(param.shape()) + " for " + target);
                }
                out.put(target, p.getValue());
            }
        }
        for (String name : params.keySet()) {
            if (!out.containsKey(name)) {
                throw new IllegalArgumentException("the file has no tensor for " + name + " of a " + describe(spec));
            }
        }
        return out;
    }

    /** Loads a Sequential state dict ({@code torch}, by tensor name) into {@code model}, built from {@code spec}. */
    public static void load(Map<String, NDArray> torch, Module model, ModelSpec spec) {
        Map<String, NDArray> renamed = toLethe(torch, model, spec);
        for (Map.Entry<String, org.lethe.autograd.Tensor> e : model.namedParameters().entrySet()) {
            NDArray target = e.getValue().value();
            target.assign(renamed.get(e.getKey()).to(target.algebra()));
        }
    }

    /** {@code model}'s parameters under the names of the Sequential described in the class comment. */
    public static Map<String, NDArray> toTorch(Module model, ModelSpec spec) {
        requireSupported(spec);
        List<String> layers = layerNames(model);
        int[] positions = exportPositions(spec, layers.size());
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, org.lethe.autograd.Tensor> e : model.namedParameters().entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            int layer = layers.indexOf(name.substring(0, dot));
            out.put(positions[layer] + name.substring(dot), e.getValue().value());
        }
        return out;
    }

    private static void requireSupported(ModelSpec spec) {
        if (!spec.kind().equals("mlp") && !spec.kind().equals("cnn")) {
            throw new IllegalArgumentException("PyTorch Sequential import and export handle MLPs and the small CNN, "
                    + "not " + spec.kind());
        }
        Object activation = spec.toMap().getOrDefault("activation", "relu");
        if (!"relu".equalsIgnoreCase(String.valueOf(activation))) {
            throw new IllegalArgumentException("PyTorch Sequential import and export handle ReLU MLPs, not "
                    + activation);
        }
    }

    /** Lethe's layers with parameters, in forward order ({@code fc0, fc1, ...} or {@code conv0, conv1, fc0, fc1}). */
    private static List<String> layerNames(Module model) {
        List<String> out = new ArrayList<>();
        for (String name : model.namedParameters().keySet()) {
            String layer = name.substring(0, name.indexOf('.'));
            if (!out.contains(layer)) {
                out.add(layer);
            }
        }
        return out;
    }

    private static List<String> paramsOf(Map<String, org.lethe.autograd.Tensor> params, String layer) {
        List<String> out = new ArrayList<>();
        for (String n : params.keySet()) {
            if (n.startsWith(layer + ".")) {
                out.add(n.substring(layer.length() + 1));
            }
        }
        return out;
    }

    private static String describe(ModelSpec spec) {
        return spec.kind().equals("cnn") ? "small CNN" : "MLP " + spec.toMap().get("widths");
    }
}
