package org.lethe.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    public void writeConfig(Map<String, Object> config) throws IOException {
        JsonFiles.write(config(), config);
    }

    public Map<String, Object> readConfig() throws IOException {
        if (!exists()) {
            throw new IOException(root + " is not a run directory (no config.json)");
        }
        return JsonFiles.readMap(config());
    }

    /** Saves the provenance log. */
    public void writeProvenance(ProvenanceLog log) throws IOException {
        JsonFiles.write(provenance(), toMap(log));
    }

    /** The provenance log as a JSON-ready map. */
    public static Map<String, Object> toMap(ProvenanceLog log) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "lethe.provenance.v1");
        m.put("order", "ascending keyed hash of (seed, epoch, example id); step t of an epoch takes the t-th batch");
        m.put("seed", log.seed());
        m.put("batch_size", log.batchSize());
        m.put("epochs", log.epochs());
        m.put("steps", log.steps());
        m.put("max_steps", log.maxSteps());
        m.put("ids", List.of(log.ids()));
        String[] subjects = log.subjects();
        m.put("subjects", subjects == null ? null : java.util.Arrays.asList(subjects));
        return m;
    }

    /** Loads the provenance log. */
    public ProvenanceLog readProvenance() throws IOException {
        return fromMap(JsonFiles.readMap(provenance()), provenance());
    }

    static ProvenanceLog fromMap(Map<String, Object> m, Path source) throws IOException {
        try {
            List<?> ids = (List<?>) m.get("ids");
            List<?> subjects = (List<?>) m.get("subjects");
            String[] idArray = new String[ids.size()];
            for (int i = 0; i < idArray.length; i++) {
                idArray[i] = ids.get(i).toString();
            }
            String[] subjectArray = null;
            if (subjects != null) {
                subjectArray = new String[subjects.size()];
                for (int i = 0; i < subjectArray.length; i++) {
                    Object s = subjects.get(i);
                    subjectArray[i] = s == null ? null : s.toString();
                }
            }
            return new ProvenanceLog(idArray, subjectArray, ((Number) m.get("seed")).longValue(),
                    ((Number) m.get("batch_size")).intValue(), ((Number) m.get("epochs")).intValue(),
                    m.get("max_steps") == null ? 0 : ((Number) m.get("max_steps")).intValue());
        } catch (ClassCastException | NullPointerException e) {
            throw new IOException(source + ": malformed provenance log (missing or mistyped field)");
        }
    }

    /** Appends one JSON line to metrics.jsonl. */
    public void appendMetrics(Map<String, ?> record) throws IOException {
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
        for (Map<String, Object> rec : readMetrics()) {
            Object step = rec.get("step");
            if (step instanceof Number && ((Number) step).intValue() > completedSteps) {
                dropped = true;
            } else {
                kept.append(JsonFiles.line(rec)).append('\n');
            }
        }
        if (dropped) {
            AtomicFiles.write(metrics(), kept.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** All metric records so far. */
    public List<Map<String, Object>> readMetrics() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isRegularFile(metrics())) {
            return out;
        }
        for (String line : Files.readAllLines(metrics(), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(new com.fasterxml.jackson.databind.ObjectMapper().readValue(line,
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
            }
        }
        return out;
    }
}
