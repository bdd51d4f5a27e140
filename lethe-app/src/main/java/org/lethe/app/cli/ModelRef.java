package org.lethe.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.lethe.io.ModelCard;
import org.lethe.train.ProvenanceLog;
import org.lethe.train.RunDirectory;

/**
 * What a {@code --model} option names: a run directory (its final {@code model.safetensors}), or a
 * {@code .safetensors} model file with its card beside it, and the run it belongs to when the file sits in a run
 * directory. Resolving checks only that the names make sense; reading the files happens on demand.
 */
public final class ModelRef {
    /** The path as given. */
    public final Path given;
    /** The weights file (may not exist yet for an unfinished run). */
    public final Path weights;
    /** The run directory, or null for a model file outside any run. */
    public final RunDirectory run;

    private ModelRef(Path given, Path weights, RunDirectory run) {
        this.given = given;
        this.weights = weights;
        this.run = run;
    }

    /** Resolves {@code path}; errors name the path and what was expected. */
    public static ModelRef resolve(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            RunDirectory dir = new RunDirectory(path);
            if (!dir.exists()) {
                throw new IOException(path + " is not a run directory (no config.json)");
            }
            return new ModelRef(path, dir.model(), dir);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + " (expected a run directory or a .safetensors model file)");
        }
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw new IOException(path + ": expected a run directory or a .safetensors model file");
        }
        Path parent = path.toAbsolutePath().getParent();
        RunDirectory dir = parent == null ? null : new RunDirectory(parent);
        return new ModelRef(path, path, dir != null && dir.exists() ? dir : null);
    }

    /** True when the weights file exists. */
    public boolean hasWeights() {
        return Files.isRegularFile(weights);
    }

    /** Fails unless the weights exist, pointing an unfinished run at {@code --resume}. */
    public void requireWeights() throws IOException {
        if (hasWeights()) {
            return;
        }
        if (run != null && weights.equals(run.model())) {
            throw new IOException(run.root() + " has no final model yet (training did not finish); continue it with"
                    + " 'lethe train --out " + run.root() + " --resume'");
        }
        throw new NoSuchFileException(weights.toString());
    }

    /** The card beside the weights. */
    public ModelCard card() throws IOException {
        requireWeights();
        Path card = ModelCard.cardPathFor(weights);
        if (!Files.isRegularFile(card)) {
            throw new IOException(weights + " has no model card beside it (expected " + card.getFileName() + ")");
        }
        return ModelCard.read(card);
    }

    /** The run directory, or an error saying provenance needs one. */
    public RunDirectory requireRun() {
        if (run == null) {
            throw new IllegalArgumentException(given + " is not in a run directory; provenance queries need the run"
                    + " (the directory with config.json and provenance.json)");
        }
        return run;
    }

    /** The run's provenance log. */
    public ProvenanceLog provenance() throws IOException {
        RunDirectory dir = requireRun();
        if (!Files.isRegularFile(dir.provenance())) {
            throw new IOException(dir.root() + " has no provenance.json");
        }
        return dir.readProvenance();
    }
}
