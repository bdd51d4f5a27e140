package org.lethe.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;

/**
 * The files of one training run:
 * <pre>
 *   config.json           architecture, training configuration, data source and split
 *   provenance.json       seed, batch size, epochs, example ids and subjects: which examples fed which steps
 *   examples.json         every example's content fingerprint, to check a changed source example by example
 *   metrics.jsonl         one JSON object per evaluation (and the final summary)
 *   checkpoints/          step-NNNNNNNN.safetensors, resumable state
 *   updates/              step-NNNNNNNN.safetensors, each step's parameter update (only with record_updates)
 *   model.safetensors     the final weights, with model.card.json beside them
 * </pre>
 */
public final class RunDirectory {
    private final Path root;

    public RunDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return root.resolve("config.json");
    }

    public Path provenance() {
        return root.resolve("provenance.json");
    }

    /** Every example's content fingerprint ({@link RecordedExamples}). */
    public Path examples() {
        return root.resolve(RecordedExamples.FILE);
    }

    public Path metrics() {
        return root.resolve("metrics.jsonl");
    }

    public Path checkpointDir() {
        return root.resolve("checkpoints");
    }

    /** Per-step parameter updates, when the run records them. */
    public Path updates() {
        return root.resolve("updates");
    }

    public Path model() {
        return root.resolve("model.safetensors");
    }

    /** True when this directory holds a run's configuration. */
    public boolean exists() {
        return Files.isRegularFile(config());
    }

    public SafeTensorsCheckpoints checkpoints() {
        return new SafeTensorsCheckpoints(checkpointDir());
    }

    /** Writes the run's description as config.json. */
    public void writeConfig(RunDescription config) throws IOException {
        JsonFiles.write(config(), config);
    }

    /** Reads config.json; a missing section or an unknown key fails with a message naming the file. */
    public RunDescription readConfig() throws IOException {
        if (!exists()) {
            throw new IOException(root + " is not a run directory (no config.json)");
        }
        return JsonFiles.read(config(), RunDescription.class, false);
    }

    /** Saves the provenance log as {@link ProvenanceDocument}. */
    public void writeProvenance(ProvenanceLog log) throws IOException {
        JsonFiles.write(provenance(), ProvenanceDocument.of(log));
    }

    /** Loads the provenance log; a missing, unknown or mistyped key fails with a message naming the file. */
    public ProvenanceLog readProvenance() throws IOException {
        return JsonFiles.read(provenance(), ProvenanceDocument.class, false).toLog();
    }

    /** Appends one JSON line to metrics.jsonl. */
    public void appendMetrics(MetricsLine record) throws IOException {
        Files.createDirectories(root);
        try (BufferedWriter w = Files.newBufferedWriter(metrics(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(JsonFiles.line(record));
            w.write('\n');
        }
    }

    /**
     * Drops the metric records of steps after {@code completedSteps}: a run resumed from that checkpoint repeats
     * those evaluations, and the log should hold each step once.
     */
    public void dropMetricsAfter(int completedSteps) throws IOException {
        if (!Files.isRegularFile(metrics())) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        boolean dropped = false;
        for (MetricsLine rec : readMetrics()) {
            if (rec.step() > completedSteps) {
                dropped = true;
            } else {
                kept.append(JsonFiles.line(rec)).append('\n');
            }
        }
        if (dropped) {
            AtomicFiles.write(metrics(), kept.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** All metric records so far; a malformed line fails with a message naming the file and the line. */
    public List<MetricsLine> readMetrics() throws IOException {
        List<MetricsLine> out = new ArrayList<>();
        if (!Files.isRegularFile(metrics())) {
            return out;
        }
        List<String> lines = Files.readAllLines(metrics(), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                try {
                    out.add(JsonFiles.parseLine(lines.get(i), MetricsLine.class));
                } catch (IllegalArgumentException e) {
                    throw new IOException(metrics() + ", line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
