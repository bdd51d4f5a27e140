package org.lethe.curvature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.io.SafeTensors;
import org.lethe.io.SafeTensorsFile;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

/**
 * The K-FAC factors of several layers of one model, as collected from one data set with one kind of Fisher; saved
 * as a safetensors file holding, per layer {@code L}, {@code L.A} and {@code L.G} in F64, with the Fisher kind and
 * sample counts in the metadata.
 */
public record KfacFactors(FisherKind fisher, List<LayerFactors> layers) {
    static final String FISHER_KEY = "lethe.kfac.fisher";
    static final String SAMPLES_KEY = "lethe.kfac.samples.";

    public KfacFactors {
        layers = List.copyOf(layers);
    }

    /** The factors of {@code layer}; the error names the layers there are. */
    public LayerFactors layer(String layer) {
        for (LayerFactors f : layers) {
            if (f.layer().equals(layer)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no factors for layer '" + layer + "'; the file has " + names());
    }

    /** The layer names, in order. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (LayerFactors f : layers) {
            out.add(f.layer());
        }
        return out;
    }

    /** Writes the factors to {@code file} atomically. */
    public void write(Path file) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FISHER_KEY, fisher.label());
        for (LayerFactors f : layers) {
            tensors.put(f.layer() + ".A", NDArray.of(Real64.INSTANCE, f.a().values(), f.a().n(), f.a().n()));
            tensors.put(f.layer() + ".G", NDArray.of(Real64.INSTANCE, f.g().values(), f.g().n(), f.g().n()));
            metadata.put(SAMPLES_KEY + f.layer(), Long.toString(f.samples()));
        }
        SafeTensors.write(file, tensors, metadata);
    }

    /** Reads a factor file written by {@link #write}; errors name the file and what is wrong. */
    public static KfacFactors read(Path file) throws IOException {
        SafeTensorsFile st = SafeTensors.read(file);
        Map<String, String> metadata = st.metadata();
        String fisher = metadata.get(FISHER_KEY);
        if (fisher == null) {
            throw new IOException(file + ": not a K-FAC factor file (no " + FISHER_KEY + " metadata)");
        }
        List<LayerFactors> layers = new ArrayList<>();
        for (String name : st.tensors().keySet()) {
            if (!name.endsWith(".A")) {
                continue;
            }
            String layer = name.substring(0, name.length() - 2);
            NDArray a = st.tensor(name);
            NDArray g = st.tensors().get(layer + ".G");
            if (g == null) {
                throw new IOException(file + ": layer '" + layer + "' has A but no G");
            }
            String samples = metadata.getOrDefault(SAMPLES_KEY + layer, "0");
            layers.add(new LayerFactors(layer, square(file, name, a), square(file, layer + ".G", g),
                    Long.parseLong(samples)));
        }
        if (layers.isEmpty()) {
            throw new IOException(file + ": no factors in the file");
        }
        return new KfacFactors(FisherKind.parse(fisher), layers);
    }

    private static SymmetricMatrix square(Path file, String name, NDArray m) throws IOException {
        int[] s = m.shape();
        if (s.length != 2 || s[0] != s[1]) {
            throw new IOException(file + ": " + name + " is not square: " + java.util.Arrays.toString(s));
        }
        return new SymmetricMatrix(s[0], m.toDoubles());
    }
}
