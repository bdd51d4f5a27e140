package org.lethe.curvature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.nn.Conv2d;
import org.lethe.nn.HookedLayer;
import org.lethe.nn.Linear;
import org.lethe.nn.Module;

/**
 * The layers of a model that K-FAC factors exist for (linear and convolutional), by the names their parameters have
 * in its weight files ({@code conv0}, {@code fc0}, {@code blocks.0.attn.query}, ...).
 */
public final class EditableLayers {
    private EditableLayers() {
    }

    /** Every {@link Linear} in the module tree, by dotted name, in the model's order. */
    public static Map<String, Linear> linear(Module model) {
        Map<String, Linear> out = new LinkedHashMap<>();
        for (Map.Entry<String, HookedLayer> e : all(model).entrySet()) {
            if (e.getValue() instanceof Linear l) {
                out.put(e.getKey(), l);
            }
        }
        return out;
    }

    /** Every {@link Linear} and {@link Conv2d} in the module tree, by dotted name, in the model's order. */
    public static Map<String, HookedLayer> all(Module model) {
        Map<String, HookedLayer> out = new LinkedHashMap<>();
        collect(model, "", out);
        return out;
    }

    /**
     * The named layers of {@code model} (linear or convolutional), or all of them for an empty list; an unknown name
     * is an error that lists the names there are.
     */
    public static Map<String, HookedLayer> select(Module model, List<String> names) {
        Map<String, HookedLayer> all = all(model);
        if (names == null || names.isEmpty()) {
            return all;
        }
        Map<String, HookedLayer> out = new LinkedHashMap<>();
        for (String n : names) {
            HookedLayer l = all.get(n);
            if (l == null) {
                throw new IllegalArgumentException("no linear or convolutional layer '" + n + "'; the model has "
                        + new ArrayList<>(all.keySet()));
            }
            out.put(n, l);
        }
        return out;
    }

    private static void collect(Module m, String prefix, Map<String, HookedLayer> out) {
        if ((m instanceof Linear || m instanceof Conv2d) && !prefix.isEmpty()) {
            out.put(prefix, (HookedLayer) m);
        }
        for (Map.Entry<String, Module> child : m.children().entrySet()) {
            collect(child.getValue(), prefix.isEmpty() ? child.getKey() : prefix + "." + child.getKey(), out);
        }
    }
}
