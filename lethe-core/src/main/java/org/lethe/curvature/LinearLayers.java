package org.lethe.curvature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.nn.Linear;
import org.lethe.nn.Module;

/** The linear layers of a model by the names their parameters have in its weight files ({@code fc0}, ...). */
public final class LinearLayers {
    private LinearLayers() {
    }

    /** Every {@link Linear} in the module tree, by dotted name, in the model's order. */
    public static Map<String, Linear> of(Module model) {
        Map<String, Linear> out = new LinkedHashMap<>();
        collect(model, "", out);
        return out;
    }

    /**
     * The named layers of {@code model}, or all of them for an empty list; an unknown name is an error that lists
     * the names there are.
     */
    public static Map<String, Linear> select(Module model, List<String> names) {
        Map<String, Linear> all = of(model);
        if (names == null || names.isEmpty()) {
            return all;
        }
        Map<String, Linear> out = new LinkedHashMap<>();
        for (String n : names) {
            Linear l = all.get(n);
            if (l == null) {
                throw new IllegalArgumentException("no linear layer '" + n + "'; the model has " + new ArrayList<>(all.keySet()));
            }
            out.put(n, l);
        }
        return out;
    }

    private static void collect(Module m, String prefix, Map<String, Linear> out) {
        if (m instanceof Linear l && !prefix.isEmpty()) {
            out.put(prefix, l);
        }
        for (Map.Entry<String, Module> child : m.children().entrySet()) {
            collect(child.getValue(), prefix.isEmpty() ? child.getKey() : prefix + "." + child.getKey(), out);
        }
    }
}
