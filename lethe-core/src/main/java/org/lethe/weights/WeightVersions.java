package org.lethe.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Module;
import org.lethe.store.ModelVersions;
import org.lethe.store.StoredModel;
import org.lethe.train.TrainingRun;

/**
 * Writes the result of a weight-space edit as a new model version: a run directory with the architecture,
 * configuration and data description of a template run (the edited model's), the new weights with their card,
 * and the {@link WeightEditRecord}. The version is built in staging and published by one rename
 * ({@link ModelVersions}), so a failure leaves nothing half-written and never touches the inputs.
 */
public final class WeightVersions {
    private WeightVersions() {
    }

    /** Loads a stored single model (a run or a model file) as a weight set, with the module it lives in. */
    public static Module load(Path model) throws IOException {
        return StoredModel.openSingle(model).loadModule();
    }

    /** The run directory of {@code model}, or an error saying that writing a version needs one. */
    public static Path runOf(Path model) throws IOException {
        StoredModel m = StoredModel.openSingle(model);
        return m.requireRun().root();
    }

    /**
     * Publishes {@code weights} as the new version {@code out}, shaped like the run {@code templateRun}.
     *
     * @return the record written
     */
    public static WeightEditRecord publish(Path templateRun, WeightSet weights, String operation, String method,
                                           List<Ingredient> ingredients, Map<String, Double> settings, Path out,
                                           long startNanos) throws IOException {
        TrainingRun template = TrainingRun.open(templateRun);
        Path staging = ModelVersions.staging(out);
        try {
            TrainingRun next = TrainingRun.derive(staging, template, template.data);
            weights.applyTo(next.model);
            next.saveModel(next.dir.model(), templateRun.toAbsolutePath().normalize().toString());
            WeightEditRecord record = new WeightEditRecord(operation, method, ingredients, settings,
                    out.toAbsolutePath().normalize().toString(), weights.hash(),
                    (System.nanoTime() - startNanos) / 1e9, Instant.now());
            record.writeTo(staging);
            ModelVersions.publish(staging, out);
            return record;
        } catch (IOException | RuntimeException e) {
            ModelVersions.discard(staging);
            throw e;
        }
    }

    /** Writes a task vector (not a model) into a new directory {@code out}: its weights and its record. */
    public static WeightEditRecord publishVector(TaskVector vector, List<Ingredient> ingredients, Path out,
                                                 long startNanos) throws IOException {
        Path staging = ModelVersions.staging(out);
        try {
            SafeTensors.write(staging.resolve(VECTOR_FILE), vector.delta().values(),
                    Map.of("format", "lethe.task-vector.v1", "name", vector.name()));
            WeightEditRecord record = new WeightEditRecord("task-vector", "difference", ingredients, Map.of(),
                    out.toAbsolutePath().normalize().toString(), vector.delta().hash(),
                    (System.nanoTime() - startNanos) / 1e9, Instant.now());
            record.writeTo(staging);
            ModelVersions.publish(staging, out);
            return record;
        } catch (IOException | RuntimeException e) {
            ModelVersions.discard(staging);
            throw e;
        }
    }

    /** The weights file inside a task-vector directory. */
    public static final String VECTOR_FILE = "task-vector.safetensors";

    /** Reads a task vector written by {@link #publishVector}, laid out like {@code like}. */
    public static TaskVector readVector(Path dir, WeightSet like) throws IOException {
        Path file = dir.resolve(VECTOR_FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file + " (expected a task vector written by 'lethe algebra "
                    + "task-vector')");
        }
        var contents = SafeTensors.read(file);
        java.util.LinkedHashMap<String, org.lethe.tensor.NDArray> ordered = new java.util.LinkedHashMap<>();
        for (String name : like.names()) {
            org.lethe.tensor.NDArray a = contents.tensors().get(name);
            if (a == null) {
                throw new IllegalArgumentException("mismatched architectures: task vector " + dir + " has no " + name);
            }
            ordered.put(name, a.to(like.get(name).algebra()));
        }
        if (contents.tensors().size() != like.names().size()) {
            throw new IllegalArgumentException("mismatched architectures: task vector " + dir + " has "
                    + contents.tensors().size() + " weights, the model " + like.names().size());
        }
        WeightSet delta = WeightSet.owning(ordered);
        delta.requireSameLayout(like, "model");
        String name = contents.metadata().getOrDefault("name", dir.getFileName().toString());
        return new TaskVector(name, delta);
    }
}
