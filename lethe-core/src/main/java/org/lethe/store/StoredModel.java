package org.lethe.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Module;
import org.lethe.tensor.Algebra;
import org.lethe.train.ModelCard;
import org.lethe.train.ModelSpec;
import org.lethe.train.ProvenanceLog;
import org.lethe.train.RunDirectory;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainingRun;

/**
 * A model on disk, opened one way whatever it is: a run directory made by {@code lethe train} (its final weights),
 * a SISA ensemble, a {@code .safetensors} file with its card (inside a run or on its own), and any of these written
 * as a new version by a deletion (then with its {@link DeletionRecord}). Opening reads descriptions only; weights
 * are read on demand, so opening is quick even for large models.
 */
public final class StoredModel {
    private final Path path;
    private final ModelKind kind;
    private final Path weights;
    private final RunDirectory run;
    private final Path directory;

    private StoredModel(Path path, ModelKind kind, Path weights, RunDirectory run, Path directory) {
        this.path = path;
        this.kind = kind;
        this.weights = weights;
        this.run = run;
        this.directory = directory;
    }

    /** Opens what {@code path} names; errors name the path and what was expected there. */
    public static StoredModel open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(SisaModel.FILE))) {
                return new StoredModel(path, ModelKind.SISA, null, null, path);
            }
            RunDirectory dir = new RunDirectory(path);
            if (!dir.exists()) {
                throw new IOException(path + " is neither a run directory (config.json) nor a SISA model ("
                        + SisaModel.FILE + ")");
            }
            return new StoredModel(path, ModelKind.RUN, dir.model(), dir, path);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + " (expected a run directory, a SISA model directory or a "
                    + ".safetensors model file)");
        }
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw new IOException(path + ": expected a run directory, a SISA model directory or a .safetensors "
                    + "model file");
        }
        Path parent = path.toAbsolutePath().getParent();
        RunDirectory dir = parent == null ? null : new RunDirectory(parent);
        boolean inRun = dir != null && dir.exists();
        return new StoredModel(path, ModelKind.RUN, path, inRun ? dir : null, inRun ? parent : null);
    }

    /**
     * Opens a single model (a run, or a model file); an ensemble is refused with a message that says so, for the
     * commands that read one set of weights.
     */
    public static StoredModel openSingle(Path path) throws IOException {
        StoredModel m = open(path);
        if (m.kind == ModelKind.SISA) {
            throw new IllegalArgumentException(path + " is a SISA ensemble; this reads a single model (a run directory "
                    + "or a .safetensors file); ensembles are read by forget and audit");
        }
        return m;
    }

    /** The path as given. */
    public Path path() {
        return path;
    }

    /** A single model or an ensemble. */
    public ModelKind kind() {
        return kind;
    }

    /** The directory that holds the model (run or ensemble), or null for a model file on its own. */
    public Path directory() {
        return directory;
    }

    /** The weights file of a single model (it may not exist yet for an unfinished run); null for an ensemble. */
    public Path weights() {
        return weights;
    }

    /** The run directory, or null for an ensemble or a model file outside any run. */
    public RunDirectory runDirectory() {
        return run;
    }

    /** True when the single model's weights file exists (always true for an ensemble). */
    public boolean hasWeights() {
        return kind == ModelKind.SISA || Files.isRegularFile(weights);
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

    /** The card beside a single model's weights. */
    public ModelCard card() throws IOException {
        requireSingle("a model card");
        requireWeights();
        Path card = ModelCard.cardPathFor(weights);
        if (!Files.isRegularFile(card)) {
            throw new IOException(weights + " has no model card beside it (expected " + card.getFileName() + ")");
        }
        return ModelCard.read(card);
    }

    /** The run directory, or an error saying that provenance needs one. */
    public RunDirectory requireRun() {
        if (run == null) {
            throw new IllegalArgumentException(path + (kind == ModelKind.SISA ? " is a SISA ensemble" : " is not in a run"
                    + " directory") + "; this needs a single model's run (the directory with config.json and "
                    + "provenance.json)");
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

    /** The training run with freshly initialised weights (see {@link #loadRun()} for the trained ones). */
    public TrainingRun openRun() throws IOException {
        return TrainingRun.open(requireRun().root());
    }

    /** The training run with this model's weights loaded, in evaluation mode. */
    public TrainingRun loadRun() throws IOException {
        requireWeights();
        TrainingRun r = openRun();
        SafeTensors.load(weights, r.model);
        r.model.train(false);
        return r;
    }

    /**
     * The single model with its weights loaded, in evaluation mode: rebuilt from its run, or from its card for a
     * model file outside any run.
     */
    public Module loadModule() throws IOException {
        requireSingle("one set of weights");
        if (run != null) {
            return loadRun().model;
        }
        ModelCard card = card();
        Module model = card.architecture().build(algebraOf(card), card.seed());
        SafeTensors.load(weights, model);
        model.train(false);
        return model;
    }

    /** The algebra a card's model was trained in ({@code f32} when the card does not say). */
    public static Algebra algebraOf(ModelCard card) {
        String algebra = card.training().algebra();
        return ModelSpec.algebra(algebra == null ? "f32" : algebra);
    }

    /** The SISA ensemble. */
    public SisaModel openEnsemble() throws IOException {
        if (kind != ModelKind.SISA) {
            throw new IllegalArgumentException(path + " is a single model, not a SISA ensemble");
        }
        return SisaModel.open(directory);
    }

    /** The record of the deletion that wrote this version, or null when no deletion did. */
    public DeletionRecord deletion() throws IOException {
        if (directory == null || !Files.isRegularFile(directory.resolve(DeletionRecord.FILE))) {
            return null;
        }
        return DeletionRecord.readFrom(directory);
    }

    /** The versions of this model's line (see {@link ModelVersions#line}). */
    public List<ModelVersion> versions() throws IOException {
        if (directory == null) {
            return List.of();
        }
        return ModelVersions.line(directory);
    }

    private void requireSingle(String what) {
        if (kind == ModelKind.SISA) {
            throw new IllegalArgumentException(path + " is a SISA ensemble, which has no " + what + " of its own");
        }
    }
}
