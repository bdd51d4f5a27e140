package org.lethe.sketch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        SketchIndex index = JsonFiles.read(dir.resolve(DeletionSketch.INDEX_FILE), SketchIndex.class, false);
        if (index.parameters()) {
            for (int j = 0; j < index.directions(); j++) {
                if (!Files.isRegularFile(parameterFile(dir, j))) {
                    throw new IOException(dir + ": missing " + parameterFile(dir, j).getFileName()
                            + " (the sketch's build did not finish)");
                }
            }
        }
        return new DeletionSketch(index.examples(), index.order(), index.directions(), index.seed(), index.series(),
                index.source(), dir, index.parameters(), index.buildSeconds(), index.directionSeconds());
    }

    /** Writes {@code sketch}'s index into its directory. */
    static void writeIndex(DeletionSketch sketch, Map<String, TaylorSeries[]> measurements) throws IOException {
        Map<String, SketchIndex.Coefficients> coefficients = new LinkedHashMap<>();
        for (Map.Entry<String, TaylorSeries[]> e : measurements.entrySet()) {
            coefficients.put(e.getKey(), SketchIndex.Coefficients.of(e.getValue()));
        }
        SketchIndex index = new SketchIndex(DeletionSketch.FORMAT, sketch.exampleCount(), sketch.order(),
                sketch.directionCount(), sketch.seed(), SketchIndex.DIRECTION_SCHEME, sketch.hasParameters(),
                sketch.buildSeconds(), sketch.directionSeconds(), sketch.source(), coefficients);
        Files.createDirectories(sketch.directory());
        JsonFiles.write(sketch.directory().resolve(DeletionSketch.INDEX_FILE), index);
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
