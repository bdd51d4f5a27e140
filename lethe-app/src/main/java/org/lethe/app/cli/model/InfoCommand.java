package org.lethe.app.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.DamagedModelFileException;
import org.lethe.io.SafeTensors;
import org.lethe.io.SafeTensorsHeader;
import org.lethe.io.TensorInfo;
import org.lethe.store.ModelKind;
import org.lethe.store.ModelLine;
import org.lethe.store.ModelVersion;
import org.lethe.store.StoredModel;
import org.lethe.train.DataDescription;
import org.lethe.train.MetricsLine;
import org.lethe.train.ModelCard;
import org.lethe.train.ProvenanceLog;
import org.lethe.train.RunDescription;
import org.lethe.train.RunDirectory;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;
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
        List<ModelVersion> versions = ref.versions();
        Path self = ref.directory() == null ? null : ref.directory().toAbsolutePath().normalize();
        VersionLineView line = new VersionLineView(versions, self);
        RunDirectory run = ref.runDirectory();
        ModelInfo info = ref.hasWeights() || run == null ? describeModel(ref, line) : describeUnfinished(ref, line);
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), info);
        } else {
            print(spec.commandLine().getOut(), info);
            line.print(spec.commandLine().getOut(), false);
        }
        return info.file() != null && !info.file().parametersVerified() ? 1 : 0;
    }

    private static ModelInfo describeModel(StoredModel ref, VersionLineView line) throws IOException {
        ModelCard card = ref.card();
        SafeTensorsHeader header = SafeTensors.readHeader(ref.weights());
        long parameters = 0;
        List<ModelInfo.TensorRow> tensors = new ArrayList<>();
        for (TensorInfo t : header.tensors()) {
            parameters += t.elementCount();
            tensors.add(new ModelInfo.TensorRow(t.name(), t.shape(), t.dtype().name()));
        }
        return new ModelInfo(ref.weights().toString(), runOf(ref), "complete", card.architecture(),
                new ModelInfo.Weights(parameters, tensors), card.training().algebra(),
                new ModelInfo.FileCheck(Files.size(ref.weights()), header.metadata().get("parameters_sha256"),
                        verified(ref)),
                new ModelInfo.DatasetRef(card.dataset().name(), card.dataset().fingerprint()), card.seed(),
                new ModelInfo.Origin(card.parentModel(), card.codeVersion(), card.created().toString()),
                card.training(), runSummary(ref.runDirectory()), line.json());
    }

    private static ModelInfo describeUnfinished(StoredModel ref, VersionLineView line) throws IOException {
        RunDirectory run = ref.runDirectory();
        RunDescription config = run.readConfig();
        int latest = run.checkpoints().latest().orElse(0);
        String status = latest == 0 ? "not started (no checkpoint yet)"
                : "unfinished (latest checkpoint after step " + latest + ")";
        return new ModelInfo(null, runOf(ref), status, config.architecture(), null, config.training().algebra, null,
                new ModelInfo.DatasetRef(config.data().source(), config.data().trainFingerprint()),
                config.training().seed, null, ModelCard.Training.of(config.training()), runSummary(run), line.json());
    }

    private static String runOf(StoredModel ref) {
        return ref.runDirectory() == null ? null : ref.runDirectory().root().toString();
    }

    private static ModelInfo.RunSummary runSummary(RunDirectory run) throws IOException {
        if (run == null) {
            return null;
        }
        DataDescription data = run.readConfig().data();
        ModelInfo.Split split = new ModelInfo.Split(data.trainSize(), data.testSize(), data.testFraction(),
                data.splitSeed(), data.subjectsPer(), data.subjectsFile());
        ModelInfo.Provenance provenance = null;
        if (Files.isRegularFile(run.provenance())) {
            ProvenanceLog log = run.readProvenance();
            provenance = new ModelInfo.Provenance(log.ids().length, log.subjectList().size(), log.steps(),
                    log.epochs(), log.stepsPerEpoch(), log.batchSize(), log.seed());
        }
        List<MetricsLine> metrics = run.readMetrics();
        return new ModelInfo.RunSummary(split, provenance, new ArrayList<>(run.checkpoints().saved()),
                metrics.isEmpty() ? null : metrics.get(metrics.size() - 1));
    }

    // ---------------------------------------------------------------- text

    private static void print(PrintWriter out, ModelInfo info) {
        line(out, "model", info.model() == null ? "-" : info.model());
        if (info.run() != null) {
            line(out, "run", info.run() + " (" + info.status() + ")");
        }
        line(out, "architecture", Formats.architecture(info.architecture().toMap()));
        if (info.weights() != null) {
            List<ModelInfo.TensorRow> tensors = info.weights().tensors();
            line(out, "parameters", Formats.count(info.weights().parameters()) + " in " + tensors.size()
                    + " tensors, " + info.algebra() + ", " + Formats.count(info.file().fileBytes()) + " bytes");
            for (int i = 0; i < Math.min(TENSORS_SHOWN, tensors.size()); i++) {
                out.printf("  %-28s %s %s%n", tensors.get(i).name(), Arrays.toString(tensors.get(i).shape()),
                        tensors.get(i).dtype());
            }
            if (tensors.size() > TENSORS_SHOWN) {
                out.printf("  ... and %d more (--json lists all)%n", tensors.size() - TENSORS_SHOWN);
            }
        } else {
            line(out, "algebra", info.algebra());
        }
        ModelInfo.DatasetRef dataset = info.dataset();
        line(out, "dataset", dataset.name() + " (training part fingerprint " + dataset.fingerprint() + ")");
        ModelInfo.RunSummary run = info.runSummary();
        if (run != null) {
            ModelInfo.Split split = run.split();
            line(out, "split", Formats.count(split.trainSize()) + " training, " + Formats.count(split.testSize())
                    + " held out (fraction " + split.testFraction() + ", seed " + split.splitSeed() + ")");
        }
        line(out, "seed", info.seed());
        if (info.origin() != null) {
            ModelInfo.Origin origin = info.origin();
            line(out, "parent", origin.parentModel() == null ? "none (trained from scratch)" : origin.parentModel());
            line(out, "code", origin.codeVersion());
            line(out, "created", origin.created());
        }
        TrainConfig training = info.training().config();
        if (training != null) {
            line(out, "training", training.optimizer + " lr " + training.learningRate + ", " + training.schedule
                    + " schedule, batch " + training.batchSize + ", " + training.epochs + " epoch(s)");
        } else {
            line(out, "training", "not recorded (trained outside Lethe)");
        }
        if (run != null) {
            ModelInfo.Provenance p = run.provenance();
            if (p != null) {
                line(out, "provenance", Formats.count(p.examples()) + " examples, " + Formats.count(p.subjects())
                        + " subjects (training examples only), " + Formats.count(p.steps()) + " steps ("
                        + p.epochs() + " epoch(s) of " + Formats.count(p.stepsPerEpoch()) + ", batch "
                        + p.batchSize() + ")");
            }
            List<Integer> c = run.checkpoints();
            line(out, "checkpoints", c.isEmpty() ? "none" : c.size() + " (after steps " + joined(c) + ")");
            MetricsLine metrics = run.metrics();
            if (metrics != null) {
                line(out, "metrics", "after step " + metrics.step() + ": held out "
                        + Formats.metrics(metrics.metrics()));
            }
        }
        if (info.file() != null && info.file().parametersSha256() != null) {
            line(out, "sha256", info.file().parametersSha256() + (!info.file().parametersVerified()
                    ? " recorded, but the parameters DO NOT MATCH it: the file is damaged or was altered"
                    : " (parameters; checked against the file)"));
        }
        out.flush();
    }

    // An ensemble: its layout, training settings and data, the ensemble hash (every shard's model loaded, so every
    // recorded hash checked), and its version line.
    private int describeEnsemble(StoredModel stored) throws IOException {
        SisaModel m = stored.openEnsemble();
        EnsembleInfo.Dataset dataset = new EnsembleInfo.Dataset(m.data.source, m.data.train.fingerprint(),
                m.data.train.size(), m.data.test.size(), m.data.train.distinctSubjects().size(),
                m.data.test.distinctSubjects().size(), m.data.excludedIds().size());
        boolean verified = true;
        String damaged = null;
        try {
            for (int s : m.activeShards()) {
                m.loadShard(s);
            }
        } catch (DamagedModelFileException e) {
            verified = false;
            damaged = e.getMessage();
        }
        Path self = m.dir.toAbsolutePath().normalize();
        List<ModelVersion> versions = ModelLine.of(m.dir).versions();
        VersionLineView line = new VersionLineView(versions, self);
        EnsembleInfo info = new EnsembleInfo(m.dir.toString(), m.modelSpec, m.shards(), m.slices(), m.epochsPerSlice,
                m.aggregation, m.activeShards().size(), dataset, m.config.seed, damaged, m.hash(), verified,
                line.json());
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
            line(out, "sha256", info.parametersSha256() + (verified ? " (every shard checked against its file)"
                    : " recorded, but a shard DOES NOT MATCH: " + damaged));
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
