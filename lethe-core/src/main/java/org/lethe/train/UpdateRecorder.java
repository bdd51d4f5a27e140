package org.lethe.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;

/**
 * Saves each step's parameter update {@code after - before} as {@code step-NNNNNNNN.safetensors}, the raw
 * material of amnesiac unlearning (subtracting the updates of the steps that used deleted data). It costs one
 * model's worth of disk per step.
 */
public final class UpdateRecorder implements Trainer.Listener {
    private final Module model;
    private final Path dir;
    private final boolean durable;
    private Map<String, NDArray> before;

    /** Records into {@code dir}, forcing every file to disk. */
    public UpdateRecorder(Module model, Path dir) {
        this(model, dir, true);
    }

    /** Records into {@code dir}; {@code durable} false leaves the files unforced (see {@link TrainingRun}). */
    public UpdateRecorder(Module model, Path dir, boolean durable) {
        this.model = model;
        this.dir = dir;
        this.durable = durable;
    }

    /** The file of step {@code step}'s update. */
    public static Path file(Path dir, int step) {
        return dir.resolve(String.format("step-%08d.safetensors", step));
    }

    @Override
    public void beforeStep(int step) {
        before = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            before.put(e.getKey(), e.getValue().value().copy());
        }
    }

    @Override
    public void onStep(int step, double loss, double learningRate) {
        Map<String, NDArray> delta = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            delta.put(e.getKey(), e.getValue().value().sub(before.get(e.getKey())));
        }
        try {
            Files.createDirectories(dir);
            SafeTensors.write(file(dir, step), delta, Map.of("step", String.valueOf(step)), durable);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the update of step " + step + ": " + e.getMessage(), e);
        }
    }
}
