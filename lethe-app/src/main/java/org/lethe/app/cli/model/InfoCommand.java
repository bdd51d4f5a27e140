package org.lethe.app.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.DamagedModelFileException;
import org.lethe.io.JsonFiles;
import org.lethe.io.ModelCard;
import org.lethe.io.SafeTensors;
import org.lethe.io.SafeTensorsHeader;
import org.lethe.io.TensorInfo;
import org.lethe.store.ModelKind;
import org.lethe.store.ModelLine;
import org.lethe.store.ModelVersion;
import org.lethe.store.StoredModel;
import org.lethe.train.DataDescription;
import org.lethe.train.MetricsLine;
import org.lethe.train.ProvenanceLog;
import org.lethe.train.RunDescription;
import org.lethe.train.RunDirectory;
import org.lethe.train.SisaModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lethe info}: what a model is, from its card, its weights file's header and its run: architecture,
 * parameters, algebra, data set and fingerprint, seed, parent, code version, creation time, provenance summary and
 * final metrics. Reads no weights, so it is quick even for large models.
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Describe a model and the run that made it.",
                "Architecture, parameters, algebra, data set and fingerprint, seed, parent model, code " +
                "version, creation time, provenance (examples, subjects, steps, epochs, batch size) and " +
                "final metrics. Takes a run directory (also an unfinished one) or a model file."})
public final class InfoCommand implements Callable<Integer> {
    private static final int TENSORS_SHOWN = 16;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption modelOption;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        StoredModel any = modelOption.resolveAny();
        if (any.kind() == ModelKind.SISA) {
            return describeEnsemble(any);
        }
        StoredModel ref = modelOption.resolve();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("model", ref.hasWeights() ? ref.weights().toString() : null);
        info.put("run", ref.runDirectory() == null ? null : ref.runDirectory().root().toString());
        if (ref.hasWeights() || ref.runDirectory() == null) {
            describeModel(ref, info);
        } else {
            describeUnfinished(ref.runDirectory(), info);
        }
        if (ref.runDirectory() != null) {
            describeRun(ref.runDirectory(), info);
        }
        List<ModelVersion> versions = ref.versions();
        Path self = ref.directory() == null ? null : ref.directory().toAbsolutePath().normalize();
        VersionLineView line = new VersionLineView(versions, self);
        info.put("versions", line.json());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), info);
        } else {
            print(spec.commandLine().getOut(), info);
            line.print(spec.commandLine().getOut(), false);
        }
        return Boolean.FALSE.equals(info.get("parameters_verified")) ? 1 : 0;
    }

    private static void describeModel(StoredModel ref, Map<String, Object> info) throws IOException {
        ModelCard card = ref.card();
        SafeTensorsHeader header = SafeTensors.readHeader(ref.weights());
        info.put("status", "complete");
        info.put("architecture", card.architecture());
        long parameters = 0;
        List<Map<String, Object>> tensors = new ArrayList<>();
        for (TensorInfo t : header.tensors()) {
            parameters += t.elementCount();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("shape", t.shape());
            row.put("dtype", t.dtype().name());
            tensors.add(row);
        }
        info.put("parameters", parameters);
        info.put("tensors", tensors);
        info.put("algebra", card.training().get("algebra"));
        info.put("file_bytes", Files.size(ref.weights()));
        info.put("parameters_sha256", header.metadata().get("parameters_sha256"));
        info.put("parameters_verified", verified(ref));
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", card.datasetName());
        dataset.put("fingerprint", card.datasetFingerprint());
        info.put("dataset", dataset);
        info.put("seed", card.seed());
        info.put("parent_model", card.parentModel());
        info.put("code_version", card.codeVersion());
        info.put("created", card.created().toString());
        info.put("training", card.training());
    }

    private static void describeUnfinished(RunDirectory run, Map<String, Object> info) throws IOException {
        RunDescription config = run.readConfig();
        int latest = run.checkpoints().latest().orElse(0);
        info.put("status", latest == 0 ? "not started (no checkpoint yet)" : "unfinished (latest checkpoint after step " + latest + ")");
        info.put("architecture", config.architecture().toMap());
        info.put("algebra", config.training().algebra);
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", config.data().source());
        dataset.put("fingerprint", config.data().trainFingerprint());
        info.put("dataset", dataset);
        info.put("seed", config.training().seed);
        info.put("training", config.training().toMap());
    }

    private static void describeRun(RunDirectory run, Map<String, Object> info) throws IOException {
        DataDescription data = run.readConfig().data();
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("train_size", data.trainSize());
        split.put("test_size", data.testSize());
        split.put("test_fraction", data.testFraction());
        split.put("split_seed", data.splitSeed());
        split.put("subjects_per", data.subjectsPer());
        split.put("subjects_file", data.subjectsFile());
        info.put("split", split);
        if (Files.isRegularFile(run.provenance())) {
            ProvenanceLog log = run.readProvenance();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("examples", log.ids().length);
            p.put("subjects", log.subjectList().size());
            p.put("steps", log.steps());
            p.put("epochs", log.epochs());
            p.put("steps_per_epoch", log.stepsPerEpoch());
            p.put("batch_size", log.batchSize());
            p.put("seed", log.seed());
            info.put("provenance", p);
        }
        TreeSet<Integer> checkpoints = run.checkpoints().saved();
        info.put("checkpoints", new ArrayList<>(checkpoints));
        List<MetricsLine> metrics = run.readMetrics();
        info.put("metrics", metrics.isEmpty() ? null : metrics.get(metrics.size() - 1));
    }

    // ---------------------------------------------------------------- text

    private static void print(PrintWriter out, Map<String, Object> info) {
        line(out, "model", info.get("model") == null ? "-" : info.get("model"));
        if (info.get("run") != null) {
            line(out, "run", info.get("run") + " (" + info.get("status") + ")");
        }
        line(out, "architecture", Formats.architecture((Map<String, Object>) info.get("architecture")));
        if (info.containsKey("parameters")) {
            line(out, "parameters", Formats.count(((Number) info.get("parameters")).longValue()) + " in "
                    + ((List<?>) info.get("tensors")).size() + " tensors, " + info.get("algebra") + ", "
                    + Formats.count(((Number) info.get("file_bytes")).longValue()) + " bytes");
            List<Map<String, Object>> tensors = (List<Map<String, Object>>) info.get("tensors");
            for (int i = 0; i < Math.min(TENSORS_SHOWN, tensors.size()); i++) {
                out.printf("  %-28s %s %s%n", tensors.get(i).get("name"), Arrays.toString((int[]) tensors.get(i).get("shape")),
                        tensors.get(i).get("dtype"));
            }
            if (tensors.size() > TENSORS_SHOWN) {
                out.printf("  ... and %d more (--json lists all)%n", tensors.size() - TENSORS_SHOWN);
            }
        } else {
            line(out, "algebra", info.get("algebra"));
        }
        Map<String, Object> dataset = (Map<String, Object>) info.get("dataset");
        if (dataset != null) {
            line(out, "dataset", dataset.get("name") + " (training part fingerprint " + dataset.get("fingerprint") + ")");
        }
        Map<String, Object> split = (Map<String, Object>) info.get("split");
        if (split != null) {
            line(out, "split", Formats.count(((Number) split.get("train_size")).longValue()) + " training, "
                    + Formats.count(((Number) split.get("test_size")).longValue()) + " held out (fraction "
                    + split.get("test_fraction") + ", seed " + split.get("split_seed") + ")");
        }
        line(out, "seed", info.get("seed"));
        if (info.containsKey("parent_model")) {
            line(out, "parent", info.get("parent_model") == null ? "none (trained from scratch)" : info.get("parent_model"));
            line(out, "code", info.get("code_version"));
            line(out, "created", info.get("created"));
        }
        Map<String, Object> training = (Map<String, Object>) info.get("training");
        if (training != null) {
            line(out, "training", training.get("optimizer") + " lr " + training.get("learning_rate") + ", "
                    + training.get("schedule") + " schedule, batch " + training.get("batch_size") + ", "
                    + training.get("epochs") + " epoch(s)");
        }
        Map<String, Object> p = (Map<String, Object>) info.get("provenance");
        if (p != null) {
            line(out, "provenance", Formats.count(((Number) p.get("examples")).longValue()) + " examples, "
                    + Formats.count(((Number) p.get("subjects")).longValue()) + " subjects (training examples only), "
                    + Formats.count(((Number) p.get("steps")).longValue()) + " steps (" + p.get("epochs") + " epoch(s) of "
                    + Formats.count(((Number) p.get("steps_per_epoch")).longValue()) + ", batch " + p.get("batch_size") + ")");
        }
        if (info.containsKey("checkpoints")) {
            List<?> c = (List<?>) info.get("checkpoints");
            line(out, "checkpoints", c.isEmpty() ? "none" : c.size() + " (after steps " + joined(c) + ")");
        }
        MetricsLine metrics = (MetricsLine) info.get("metrics");
        if (metrics != null) {
            line(out, "metrics", "after step " + metrics.step() + ": held out "
                    + Formats.metrics(metrics.metrics()));
        }
        if (info.get("parameters_sha256") != null) {
            line(out, "sha256", info.get("parameters_sha256") + (Boolean.FALSE.equals(info.get("parameters_verified"))
                    ? " recorded, but the parameters DO NOT MATCH it: the file is damaged or was altered"
                    : " (parameters; checked against the file)"));
        }
        out.flush();
    }

    // An ensemble: its layout, training settings and data, the ensemble hash (every shard's model loaded, so every
    // recorded hash checked), and its version line.
    private int describeEnsemble(StoredModel stored) throws IOException {
        SisaModel m = stored.openEnsemble();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("model", m.dir.toString());
        info.put("kind", "sisa");
        info.put("architecture", m.modelSpec.toMap());
        info.put("shards", m.shards());
        info.put("slices", m.slices());
        info.put("epochs_per_slice", m.epochsPerSlice);
        info.put("aggregation", m.aggregation);
        info.put("active_shards", m.activeShards().size());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", m.data.source);
        dataset.put("fingerprint", m.data.train.fingerprint());
        dataset.put("training_examples", m.data.train.size());
        dataset.put("held_out_examples", m.data.test.size());
        dataset.put("training_subjects", m.data.train.distinctSubjects().size());
        dataset.put("held_out_subjects", m.data.test.distinctSubjects().size());
        dataset.put("deleted_examples", m.data.excludedIds().size());
        info.put("dataset", dataset);
        info.put("seed", m.config.seed);
        boolean verified = true;
        try {
            for (int s : m.activeShards()) {
                m.loadShard(s);
            }
        } catch (DamagedModelFileException e) {
            verified = false;
            info.put("damaged", e.getMessage());
        }
        info.put("parameters_sha256", m.hash());
        info.put("parameters_verified", verified);
        Path self = m.dir.toAbsolutePath().normalize();
        List<ModelVersion> versions = ModelLine.of(m.dir).versions();
        VersionLineView line = new VersionLineView(versions, self);
        info.put("versions", line.json());
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, info);
        } else {
            line(out, "model", m.dir + " (SISA ensemble)");
            line(out, "ensemble", m.shards() + " shards x " + m.slices() + " slices, " + m.epochsPerSlice
                    + " epoch(s) per slice, " + m.aggregation + " aggregation, " + m.activeShards().size()
                    + " shard(s) holding data");
            line(out, "architecture", Formats.architecture(m.modelSpec.toMap()) + " per shard");
            line(out, "data", m.data.source + ": " + Formats.count(m.data.train.size()) + " training examples ("
                    + m.data.train.distinctSubjects().size() + " subjects), " + Formats.count(m.data.test.size())
                    + " held out (" + m.data.test.distinctSubjects().size() + " subjects), "
                    + m.data.excludedIds().size() + " deleted");
            line(out, "seed", m.config.seed);
            line(out, "sha256", info.get("parameters_sha256") + (verified ? " (every shard checked against its file)"
                    : " recorded, but a shard DOES NOT MATCH: " + info.get("damaged")));
            line.print(out, false);
        }
        return verified ? 0 : 1;
    }

    // Loading checks the recorded hash; a mismatch is reported in the description rather than hiding it.
    private static boolean verified(StoredModel ref) throws IOException {
        try {
            ref.loadModule();
            return true;
        } catch (DamagedModelFileException e) {
            return false;
        }
    }

    private static void line(PrintWriter out, String key, Object value) {
        out.printf("%-12s %s%n", key, value);
    }

    private static String joined(List<?> values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v);
        }
        return sb.toString();
    }
}
