package org.lethe.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;
import org.lethe.store.StoredModel;
import org.lethe.tensor.NDArray;
import org.lethe.train.ClassificationTask;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;
import org.lethe.train.TrainingRun;

/**
 * A classifier stored in a directory, as an audit sees it: a training run made by {@code lethe train} (its final
 * weights) or a SISA ensemble, either possibly a version written by a deletion (then holding {@code deletion.json}).
 * It gives the model's architecture, training configuration and data, and its logits in double precision.
 *
 * <p>An ensemble has no logits of its own; it reports the logarithms of its aggregated class probabilities
 * (floored at the smallest positive double), whose softmax is that distribution again, so every measure that
 * starts from logits sees the ensemble's actual predictions.
 */
public final class StoredClassifier {
    /** The deletion record a deletion writes into the new model version. */
    public static final String DELETION_RECORD = DeletionRecord.FILE;
    private static final int CHUNK = 2000;

    /** The directory. */
    public final Path dir;
    /** Run or ensemble. */
    public final ModelKind kind;
    /** The architecture. */
    public final ModelSpec spec;
    /** The training configuration (for an ensemble, each shard's). */
    public final TrainConfig config;
    /** The data, with the split and any exclusions by earlier deletions. */
    public final PreparedData data;
    private final TrainingRun run;
    private final SisaModel sisa;
    private final DeletionRecord deletion;

    private StoredClassifier(Path dir, TrainingRun run, SisaModel sisa, DeletionRecord deletion) {
        this.dir = dir;
        this.run = run;
        this.sisa = sisa;
        this.kind = run != null ? ModelKind.RUN : ModelKind.SISA;
        this.spec = run != null ? run.modelSpec : sisa.modelSpec;
        this.config = run != null ? run.config : sisa.config;
        this.data = run != null ? run.data : sisa.data;
        this.deletion = deletion;
    }

    /** Opens the classifier in {@code dir}, with its weights loaded. Errors name the directory and what is wrong. */
    public static StoredClassifier open(Path dir) throws IOException {
        if (!Files.isDirectory(dir) && Files.exists(dir)) {
            throw new IOException(dir + " is not a directory (expected a run directory or a SISA model directory)");
        }
        StoredModel stored = StoredModel.open(dir);
        if (stored.kind() == ModelKind.SISA) {
            return new StoredClassifier(dir, null, stored.openEnsemble(), stored.deletion());
        }
        TrainingRun run = stored.loadRun();
        if (run.data.isText()) {
            throw new IllegalArgumentException(dir + " is a language model; this audit measures classifiers");
        }
        return new StoredClassifier(dir, run, null, stored.deletion());
    }

    /** The SISA ensemble, or null for a single model. */
    public SisaModel sisa() {
        return sisa;
    }

    /** The training run, or null for an ensemble. */
    public TrainingRun run() {
        return run;
    }

    /** The record of the deletion that wrote this model, or null when no deletion did. */
    public DeletionRecord deletionRecord() {
        return deletion;
    }

    /** Every example of the model's data (training, held out, and examples deleted earlier) as a labelled set. */
    public Dataset allExamples() {
        return (Dataset) data.all;
    }

    /**
     * Logits of rows {@code rows} of {@code examples}, {@code [rows][classes]} in double precision (for an ensemble,
     * the log of its class probabilities).
     */
    public double[][] logits(Dataset examples, int[] rows) throws IOException {
        double[][] out = new double[rows.length][];
        for (int s = 0; s < rows.length; s += CHUNK) {
            int[] chunk = java.util.Arrays.copyOfRange(rows, s, Math.min(rows.length, s + CHUNK));
            double[][] part = kind == ModelKind.RUN ? runLogits(examples, chunk) : ensembleLogProbabilities(examples, chunk);
            System.arraycopy(part, 0, out, s, part.length);
        }
        return out;
    }

    private double[][] runLogits(Dataset examples, int[] rows) {
        NDArray logits = new ClassificationTask(examples, spec.inputShape(), run.algebra).logits((Layer) run.model, rows);
        int classes = logits.dim(1);
        double[] flat = logits.toDoubles();
        double[][] out = new double[rows.length][classes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * classes, out[i], 0, classes);
        }
        return out;
    }

    private double[][] ensembleLogProbabilities(Dataset examples, int[] rows) throws IOException {
        double[][] p = sisa.probabilities(examples, rows);
        for (double[] row : p) {
            for (int c = 0; c < row.length; c++) {
                row[c] = Math.log(Math.max(row[c], Double.MIN_VALUE));
            }
        }
        return p;
    }
}
