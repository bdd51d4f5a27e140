package org.lethe.sketch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.io.JsonFiles;
import org.lethe.io.SafeTensors;
import org.lethe.io.SafeTensorsFile;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Series;

/**
 * The files of a {@link DeletionSketch} directory: {@code sketch.json} (the index) and
 * {@code directions/direction-<j>.safetensors} (direction j's trained series parameters, one F64 tensor per
 * coefficient plane, named {@code <parameter>.z<r>.re} and {@code .im}).
 */
final class SketchFiles {
    private SketchFiles() {
    }

    /** Direction {@code j}'s parameter file in a sketch directory. */
    static Path parameterFile(Path dir, int j) {
        return dir.resolve(DeletionSketch.DIRECTIONS_DIR)
                .resolve(String.format(Locale.ROOT, "direction-%06d.safetensors", j));
    }

    /** The tensor name of one coefficient plane of a parameter. */
    static String planeName(String parameter, int r, boolean imaginary) {
        return parameter + ".z" + r + (imaginary ? ".im" : ".re");
    }

    /** Reads a sketch directory's index. */
    static DeletionSketch open(Path dir) throws IOException {
        Path index = dir.resolve(DeletionSketch.INDEX_FILE);
        Map<String, Object> m = JsonFiles.readMap(index);
        if (!DeletionSketch.FORMAT.equals(m.get("format"))) {
            throw new IOException(index + ": not a sketch index (format " + m.get("format") + ", expected " + DeletionSketch.FORMAT + ")");
        }
        int examples = intField(m, "examples", index);
        int order = intField(m, "order", index);
        int directions = intField(m, "directions", index);
        long seed = ((Number) field(m, "seed", index)).longValue();
        boolean params = Boolean.TRUE.equals(m.get("parameters"));
        double seconds = m.get("build_seconds") instanceof Number ? ((Number) m.get("build_seconds")).doubleValue() : 0;
        double[] perDirection = m.get("direction_seconds") instanceof List
                ? row(m.get("direction_seconds"), ((List<?>) m.get("direction_seconds")).size() - 1, index, "direction_seconds")
                : new double[0];
        @SuppressWarnings("unchecked")
        Map<String, Object> source = m.get("source") instanceof Map ? (Map<String, Object>) m.get("source") : Map.of();
        Map<String, TaylorSeries[]> measurements = new LinkedHashMap<>();
        if (m.get("measurements") instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ms = (Map<String, Object>) m.get("measurements");
            for (Map.Entry<String, Object> e : ms.entrySet()) {
                measurements.put(e.getKey(), readCoefficients(e.getValue(), directions, order, index, e.getKey()));
            }
        }
        if (params) {
            for (int j = 0; j < directions; j++) {
                if (!Files.isRegularFile(parameterFile(dir, j))) {
                    throw new IOException(dir + ": missing " + parameterFile(dir, j).getFileName()
                            + " (the sketch's build did not finish)");
                }
            }
        }
        return new DeletionSketch(examples, order, directions, seed, measurements, source, dir, params, seconds,
                perDirection);
    }

    private static Object field(Map<String, Object> m, String key, Path file) throws IOException {
        Object v = m.get(key);
        if (v == null) {
            throw new IOException(file + ": missing '" + key + "'");
        }
        return v;
    }

    private static int intField(Map<String, Object> m, String key, Path file) throws IOException {
        Object v = field(m, key, file);
        if (!(v instanceof Number)) {
            throw new IOException(file + ": '" + key + "' is not a number");
        }
        return ((Number) v).intValue();
    }

    private static TaylorSeries[] readCoefficients(Object value, int directions, int order, Path file, String name)
            throws IOException {
        if (!(value instanceof Map)) {
            throw new IOException(file + ": measurement '" + name + "' is not an object with 're' and 'im'");
        }
        Map<?, ?> v = (Map<?, ?>) value;
        List<?> re = v.get("re") instanceof List ? (List<?>) v.get("re") : null;
        List<?> im = v.get("im") instanceof List ? (List<?>) v.get("im") : null;
        if (re == null || im == null || re.size() != directions || im.size() != directions) {
            throw new IOException(file + ": measurement '" + name + "' needs 're' and 'im' with one row per direction ("
                    + directions + ")");
        }
        TaylorSeries[] out = new TaylorSeries[directions];
        for (int j = 0; j < directions; j++) {
            out[j] = new TaylorSeries(row(re.get(j), order, file, name), row(im.get(j), order, file, name));
        }
        return out;
    }

    private static double[] row(Object o, int order, Path file, String name) throws IOException {
        if (!(o instanceof List) || ((List<?>) o).size() != order + 1) {
            throw new IOException(file + ": measurement '" + name + "' rows need " + (order + 1) + " coefficients");
        }
        List<?> l = (List<?>) o;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).doubleValue();
        }
        return out;
    }

    /** Writes {@code sketch}'s index into its directory. */
    static void writeIndex(DeletionSketch sketch, Map<String, TaylorSeries[]> measurements) throws IOException {
        Path dir = sketch.directory();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", DeletionSketch.FORMAT);
        m.put("examples", sketch.exampleCount());
        m.put("order", sketch.order());
        m.put("directions", sketch.directionCount());
        m.put("seed", sketch.seed());
        m.put("direction_scheme", "complex Gaussian entries from Rng.derive(seed, j), normalised to the unit sphere of C^n");
        m.put("parameters", sketch.hasParameters());
        m.put("build_seconds", sketch.buildSeconds());
        m.put("direction_seconds", sketch.directionSeconds());
        m.put("source", sketch.source());
        Map<String, Object> ms = new LinkedHashMap<>();
        for (Map.Entry<String, TaylorSeries[]> e : measurements.entrySet()) {
            List<double[]> re = new ArrayList<>();
            List<double[]> im = new ArrayList<>();
            for (TaylorSeries c : e.getValue()) {
                re.add(c.realParts());
                im.add(c.imaginaryParts());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("re", re);
            entry.put("im", im);
            ms.put(e.getKey(), entry);
        }
        m.put("measurements", ms);
        Files.createDirectories(dir);
        JsonFiles.write(dir.resolve(DeletionSketch.INDEX_FILE), m);
    }

    /** Writes a trained series model's parameters, one F64 tensor per coefficient plane. */
    static void writeParameters(Path file, Module model, int order) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            NDArray v = e.getValue().value();
            for (int r = 0; r <= order; r++) {
                tensors.put(planeName(e.getKey(), r, false), Series.plane(v, r, false));
                tensors.put(planeName(e.getKey(), r, true), Series.plane(v, r, true));
            }
        }
        Files.createDirectories(file.getParent());
        SafeTensors.write(file, tensors, Map.of("format", "lethe.sketch.direction.v1", "order", Integer.toString(order)));
    }

    /** Loads direction {@code j}'s stored parameters into {@code model}, whose algebra is a series of {@code order}. */
    static void loadParameters(Path dir, int j, Module model, Series series) throws IOException {
        int order = series.order();
        SafeTensorsFile file = SafeTensors.read(parameterFile(dir, j));
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            NDArray[] re = new NDArray[order + 1];
            NDArray[] im = new NDArray[order + 1];
            for (int r = 0; r <= order; r++) {
                re[r] = planeTensor(file, e.getKey(), r, false, j);
                im[r] = planeTensor(file, e.getKey(), r, true, j);
            }
            e.getValue().value().assign(series.fromCoefficients(re, im));
        }
    }

    private static NDArray planeTensor(SafeTensorsFile file, String parameter, int r, boolean imaginary, int j) {
        String name = planeName(parameter, r, imaginary);
        NDArray t = file.tensors().get(name);
        if (t == null) {
            throw new IllegalArgumentException("direction " + j + " has no tensor '" + name
                    + "': the sketch was built for another model");
        }
        return t;
    }
}
