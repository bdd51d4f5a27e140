package org.lethe.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lethe.tensor.NDArray;

/** The decoded content of a safetensors file: its validated header and every tensor as an array. */
public final class SafeTensorsFile {
    private final SafeTensorsHeader header;
    private final Map<String, NDArray> tensors;

    SafeTensorsFile(SafeTensorsHeader header, LinkedHashMap<String, NDArray> tensors) {
        this.header = header;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    public SafeTensorsHeader header() {
        return header;
    }

    /** The tensors by name, in header order. */
    public Map<String, NDArray> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} map, empty if the file has none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** One tensor, or an error naming the missing name. */
    public NDArray tensor(String name) {
        NDArray t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "' (have " + tensors.keySet() + ")");
        }
        return t;
    }
}
