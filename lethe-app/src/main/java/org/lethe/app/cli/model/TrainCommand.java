package org.lethe.app.cli.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.InterruptNotice;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.SubjectOptions;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.cli.WarmsKernels;
import org.lethe.data.Dataset;
import org.lethe.data.DatasetSource;
import org.lethe.data.TextCorpus;
import org.lethe.train.KernelWarmup;
import org.lethe.train.MetricsLine;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.RunDescription;
import org.lethe.train.RunDirectory;
import org.lethe.train.TrainConfig;
import org.lethe.train.TrainingRun;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe train}: trains a model with provenance into a run directory, or continues an interrupted run.
 * Defaults depend on the data: a small character GPT for a text corpus, an MLP 784-256-128-10 for images.
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Train a model with provenance into a run directory.",
                "Writes config.json, provenance.json, metrics.jsonl, checkpoints/ and the final " +
                "model.safetensors with model.card.json. --resume continues an interrupted run " +
                "bit-identically from its latest checkpoint. Defaults: text (names) trains a small " +
                "character GPT with Adam (lr 0.01, one epoch); images train an MLP 784-256-128-10 with SGD " +
                "(lr 0.05, momentum 0.9, three epochs); both with cosine decay and a checkpoint per epoch."})
public final class TrainCommand implements Callable<Integer>, WarmsKernels {
    /** Options that do not change what is trained, so they may accompany --resume. */
    private static final List<String> RESUME_OPTIONS = List.of("--out", "--resume", "--json", "--stop-after", "--verbose");

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "NAME|PATH",
            description = "Training data: digits, fashion-mnist, names, or a path (IDX folder, .csv, .txt).")
    private String data;

    @Option(names = "--model", paramLabel = "mlp|cnn|gpt",
            description = "Architecture (default: gpt for text, mlp otherwise).")
    private String kind;

    @Option(names = "--hidden", split = ",", paramLabel = "W",
            description = "MLP hidden widths (default: 256,128).")
    private int[] hidden;

    @Option(names = "--context", paramLabel = "N",
            description = "GPT context length (default: " + ModelSpec.DEFAULT_GPT_CONTEXT + ").")
    private Integer context;

    @Option(names = "--layers", paramLabel = "N",
            description = "GPT transformer blocks (default: " + ModelSpec.DEFAULT_GPT_LAYERS + ").")
    private Integer layers;

    @Option(names = "--width", paramLabel = "N",
            description = "GPT embedding width (default: " + ModelSpec.DEFAULT_GPT_WIDTH + ").")
    private Integer width;

    @Option(names = "--heads", paramLabel = "N",
            description = "GPT attention heads (default: " + ModelSpec.DEFAULT_GPT_HEADS + ").")
    private Integer heads;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data (default: 3; gpt 1).")
    private Integer epochs;

    @Option(names = "--steps", paramLabel = "N",
            description = "Train for N optimiser steps instead of whole epochs (as many epochs as that takes).")
    private Integer steps;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Examples per step (default: " + TrainConfig.DEFAULT_BATCH_SIZE + ").")
    private Integer batchSize;

    @Option(names = "--lr", paramLabel = "X",
            description = "Learning rate (default: sgd 0.05; adam/adamw 0.01 for gpt, 0.001 otherwise).")
    private Double learningRate;

    @Option(names = "--optimizer", paramLabel = "sgd|adam|adamw",
            description = "Optimiser (default: adam for gpt, sgd with momentum 0.9 otherwise).")
    private String optimizer;

    @Option(names = "--schedule", paramLabel = "constant|linear|cosine",
            description = "Learning-rate schedule (default: " + TrainConfig.DEFAULT_SCHEDULE + "; constant with --sisa, "
                    + "where a schedule restarts in every slice stage).")
    private String schedule;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "Linear warm-up steps before the schedule (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of initialisation, split, subjects and data order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--algebra", paramLabel = "f32|f64", defaultValue = "f32",
            description = "Element algebra (default: ${DEFAULT-VALUE}).")
    private String algebra;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Held-out fraction of the data (default: ${DEFAULT-VALUE}).")
    private double testFraction;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private SubjectOptions subjects;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "0",
            description = "Evaluate on the held-out data every N steps, and always at the end (default: only at " +
                    "the end).")
    private int evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Save a resumable checkpoint every N steps, and always at the end (default: once per " +
                    "epoch).")
    private Integer checkpointEvery;

    @Option(names = "--out", paramLabel = "RUN_DIR", required = true,
            description = "The run directory: new (or empty), or the run to continue with --resume.")
    private Path out;

    @Option(names = "--resume",
            description = "Continue the run in --out from its latest checkpoint, with its saved settings.")
    private boolean resume;

    @Option(names = "--stop-after", paramLabel = "N",
            description = "Stop at the first checkpoint at or after N steps, leaving a run to continue with " +
                    "--resume.")
    private Integer stopAfter;

    @Option(names = "--record-updates",
            description = "Keep every step's parameter update on disk (enables the approximate amnesiac deletion).")
    private boolean recordUpdates;

    @Option(names = "--sisa", description = "Train a SISA ensemble (exact deletion by retraining only affected shards).")
    private boolean sisa;

    @Option(names = "--shards", paramLabel = "S", defaultValue = "8", description = "SISA shards (default: ${DEFAULT-VALUE}).")
    private int shards;

    @Option(names = "--slices", paramLabel = "R", defaultValue = "4", description = "SISA slices per shard (default: ${DEFAULT-VALUE}).")
    private int slices;

    @Option(names = "--max-checkpoint-gb", paramLabel = "GB", defaultValue = "4",
            description = "SISA: refuse ensembles whose checkpoints (one per shard and slice) would take more than this "
                    + "many gigabytes (default: ${DEFAULT-VALUE}).")
    private double maxCheckpointGb;

    @Option(names = "--epochs-per-slice", paramLabel = "N", defaultValue = "1",
            description = "SISA epochs of each slice stage (default: ${DEFAULT-VALUE}).")
    private int epochsPerSlice;

    @Option(names = "--aggregation", paramLabel = "mean|vote", defaultValue = "mean",
            description = "How the SISA ensemble combines its shards (default: ${DEFAULT-VALUE}).")
    private String aggregation;

    @Mixin
    private JsonOption json;

    @Mixin
    private org.lethe.app.cli.RunnerOption runner;

    @Override
    public Integer call() throws Exception {
        validateOptions();
        // The kernels compile on the second core while the data is read; stopped before training starts.
        KernelWarmup warmup = KernelWarmup.shared();
        try {
            return train(warmup);
        } finally {
            warmup.finish();
        }
    }

    private int train(KernelWarmup warmup) throws Exception {
        if (!sisa && !runner.isLocal()) {
            throw usage("--runner is for --sisa, whose shards are independent jobs; a single run trains here");
        }
        if (sisa) {
            return trainSisa(warmup);
        }
        PrintWriter text = json.enabled() ? null : spec.commandLine().getOut();
        TrainingRun run = resume ? reopen() : create();
        warmup.finish();
        boolean complete = Files.isRegularFile(run.dir.model())
                && run.dir.checkpoints().latest().orElse(0) == run.provenance.steps();
        if (text != null) {
            describe(text, run, complete, resume);
        }
        TrainingSession.Outcome outcome;
        if (complete) {
            outcome = alreadyComplete(run);
        } else {
            try (InterruptNotice notice = InterruptNotice.say("the run keeps its last checkpoint; continue it "
                    + "bit-identically with: lethe train --out " + out + " --resume")) {
                outcome = TrainingSession.train(run, text, stopAfter);
            }
        }
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), TrainResult.of(run, outcome));
        } else {
            report(text, run, outcome, complete);
        }
        return 0;
    }

    private int trainSisa(KernelWarmup warmup) throws Exception {
        if (resume) {
            throw usage("--resume is for single runs; a SISA model is trained in one go (delete the directory to retrain)");
        }
        if (data == null) {
            throw usage("--data is required");
        }
        if (shards < 1 || slices < 1 || epochsPerSlice < 1) {
            throw usage("--shards, --slices and --epochs-per-slice must be at least 1, got " + shards + ", " + slices
                    + " and " + epochsPerSlice);
        }
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            throw usage(out + " already exists and is not empty; choose another --out");
        }
        Settings s = settings();
        if (s.data.isText()) {
            throw usage("--sisa needs labelled feature data, not a text corpus");
        }
        SisaFootprint footprint = SisaFootprint.of(s.model, s.config, s.data, shards, slices);
        if (footprint.emptyShards() > 0) {
            throw usage(footprint.emptyShards() + " of " + shards + " shards would hold no training data ("
                    + footprint.owners() + " subjects or examples own it, each kept in one shard); use fewer --shards");
        }
        if (footprint.checkpointBytes() > maxCheckpointGb * 1e9) {
            throw usage(String.format(java.util.Locale.ROOT, "%d shards x %d slices keep %d checkpoints of about %.1f MB"
                    + " each: about %.1f GB, above the limit of %s GB (--max-checkpoint-gb raises it)", shards, slices,
                    shards * slices, footprint.perCheckpointBytes() / 1e6, footprint.checkpointBytes() / 1e9,
                    maxCheckpointGb));
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--schedule")) {
            s.config.schedule = "constant";
        }
        warmup.finish();
        try (org.lethe.exec.ClosableJobRunner jobs = runner.open(spec, org.lethe.tensor.Parallel.threads())) {
            return SisaTrainSession.run(spec.commandLine().getOut(), json.enabled(), out, s.model, s.config, s.data,
                    shards, slices, epochsPerSlice, aggregation, jobs);
        }
    }

    // ---------------------------------------------------------------- new runs and resumed runs

    private TrainingRun create() throws IOException {
        if (data == null) {
            throw usage("--data is required for a new run (or add --resume to continue the run in " + out + ")");
        }
        requireFreshDirectory(out);
        Settings s = settings();
        return TrainingRun.create(out, s.model, s.config, s.data);
    }

    private TrainingRun reopen() throws IOException {
        if (!new RunDirectory(out).exists()) {
            throw new IOException(out + " holds no run to resume (no config.json)");
        }
        TrainingRun run = TrainingRun.open(out);
        if (data != null) {
            try {
                requireSameSettings(run, settings());
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        } else {
            List<String> changed = new ArrayList<>();
            for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
                if (!RESUME_OPTIONS.contains(o.longestName())) {
                    changed.add(o.longestName());
                }
            }
            if (!changed.isEmpty()) {
                throw usage("--resume continues the run with its saved settings; " + String.join(", ", changed)
                        + " cannot be given without the run's original --data and options");
            }
        }
        return run;
    }

    /** A resumed run must be the same run: the command line, if given again, must describe it. */
    private static void requireSameSettings(TrainingRun run, Settings again) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        RunDescription saved = run.description();
        RunDescription given = new RunDescription(again.model, again.config, again.data.description);
        // Through JSON, so that numbers compare by value whatever their Java type.
        Map<?, ?> a = mapper.readValue(mapper.writeValueAsString(saved), Map.class);
        Map<?, ?> b = mapper.readValue(mapper.writeValueAsString(given), Map.class);
        List<String> differences = new ArrayList<>();
        for (String section : List.of("architecture", "training", "data")) {
            Map<?, ?> x = (Map<?, ?>) a.get(section);
            Map<?, ?> y = (Map<?, ?>) b.get(section);
            for (Object key : y.keySet()) {
                if (!key.equals("schedule_steps") && !java.util.Objects.equals(x.get(key), y.get(key))) {
                    differences.add(key + " " + x.get(key) + " (now " + y.get(key) + ")");
                }
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(run.dir.root() + " was trained with other settings: "
                    + String.join(", ", differences) + "; resume with the original options or with --out and --resume only");
        }
    }

    private TrainingSession.Outcome alreadyComplete(TrainingRun run) throws IOException {
        TrainingSession.Outcome o = new TrainingSession.Outcome();
        o.totalSteps = run.provenance.steps();
        o.resumedFrom = o.totalSteps;
        o.completedSteps = o.totalSteps;
        List<MetricsLine> records = run.dir.readMetrics();
        if (!records.isEmpty()) {
            o.metrics.putAll(records.get(records.size() - 1).metrics());
        }
        return o;
    }

    // ---------------------------------------------------------------- settings from the options

    /** Model, training configuration and data of a new run. */
    private static final class Settings {
        ModelSpec model;
        TrainConfig config;
        PreparedData data;
    }

    private Settings settings() throws IOException {
        Settings s = new Settings();
        s.data = PreparedData.prepare(source(data), testFraction, seed, SubjectOptions.perSubject(subjects),
                SubjectOptions.file(subjects));
        String k = kind != null ? kind : ModelSpec.defaultKind(s.data.isText());
        s.model = modelSpec(k, s.data);
        s.config = trainConfig(k, s.data);
        return s;
    }

    /** Known names stay names; paths become absolute, so the run can be reopened from anywhere. */
    public static String source(String data) {
        if (DatasetSource.KNOWN_NAMES.contains(data)) {
            return data;
        }
        Path path = Path.of(data);
        // A missing path stays as given, so that the error names what the user typed.
        return Files.exists(path) ? path.toAbsolutePath().normalize().toString() : data;
    }

    private ModelSpec modelSpec(String k, PreparedData prepared) {
        requireOnlyFor(k, "mlp", "--hidden", hidden != null);
        for (String gptOption : List.of("--context", "--layers", "--width", "--heads")) {
            requireOnlyFor(k, "gpt", gptOption, spec.commandLine().getParseResult().hasMatchedOption(gptOption));
        }
        switch (k) {
            case "mlp": {
                Dataset d = requireDataset(prepared, k);
                int[] h = hidden == null ? ModelSpec.defaultMlpHidden() : hidden;
                int[] widths = new int[h.length + 2];
                widths[0] = d.featureCount();
                for (int i = 0; i < h.length; i++) {
                    if (h[i] < 1) {
                        throw usage("--hidden widths must be positive, got " + Arrays.toString(h));
                    }
                    widths[i + 1] = h[i];
                }
                // Classes of the whole data set: a rare class may be missing from the training part.
                widths[widths.length - 1] = ((Dataset) prepared.all).classCount();
                return ModelSpec.mlp(widths);
            }
            case "cnn": {
                Dataset d = requireDataset(prepared, k);
                int[] shape = d.imageShape().orElse(null);
                if (shape == null || shape.length != 2 || shape[0] != 28 || shape[1] != 28
                        || ((Dataset) prepared.all).classCount() > 10) {
                    throw usage("--model cnn needs 28x28 images with at most 10 classes; " + d.name() + " is not");
                }
                return ModelSpec.cnn();
            }
            case "gpt": {
                if (!prepared.isText()) {
                    throw usage("--model gpt needs a text corpus (e.g. --data names); " + prepared.all.name()
                            + " is a labelled data set");
                }
                int c = positive("--context", context, ModelSpec.DEFAULT_GPT_CONTEXT);
                int l = positive("--layers", layers, ModelSpec.DEFAULT_GPT_LAYERS);
                int w = positive("--width", width, ModelSpec.DEFAULT_GPT_WIDTH);
                int h = positive("--heads", heads, ModelSpec.DEFAULT_GPT_HEADS);
                if (w % h != 0) {
                    throw usage("--width " + w + " must be a multiple of --heads " + h);
                }
                return ModelSpec.gpt(((TextCorpus) prepared.all).tokenCount(), c, l, w, h);
            }
            default:
                throw usage("--model must be mlp, cnn or gpt, got '" + k + "'");
        }
    }

    private Dataset requireDataset(PreparedData prepared, String k) {
        if (prepared.isText()) {
            throw usage("--model " + k + " needs a labelled data set; " + prepared.all.name()
                    + " is a text corpus (use --model gpt)");
        }
        return prepared.trainDataset();
    }

    private TrainConfig trainConfig(String k, PreparedData prepared) {
        // The defaults live in core; the options override them.
        TrainConfig c = TrainConfig.defaultsFor(k);
        c.algebra = algebra;
        c.seed = seed;
        c.epochs = positive("--epochs", epochs, c.epochs);
        if (steps != null) {
            if (epochs != null) {
                throw usage("give --epochs or --steps, not both");
            }
            c.steps = positive("--steps", steps, 1);
        }
        c.batchSize = positive("--batch-size", batchSize, c.batchSize);
        if (optimizer != null) {
            c.optimizer = optimizer;
            c.learningRate = TrainConfig.defaultLearningRate(k, optimizer);
        }
        if (learningRate != null) {
            c.learningRate = learningRate;
        }
        if (schedule != null) {
            c.schedule = schedule;
        }
        c.warmupSteps = warmup;
        c.evaluateEvery = evalEvery;
        c.recordUpdates = recordUpdates;
        int stepsPerEpoch = (prepared.train.size() + c.batchSize - 1) / c.batchSize;
        c.checkpointEvery = positive("--checkpoint-every", checkpointEvery, Math.max(1, stepsPerEpoch));
        try {
            c.validate();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (prepared.train.size() == 0) {
            throw usage("--test-fraction " + testFraction + " leaves no training examples");
        }
        return c;
    }

    private void validateOptions() {
        SubjectOptions.validate(subjects, spec);
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw usage("--test-fraction must be in [0, 1), got " + testFraction);
        }
        if (warmup < 0 || evalEvery < 0) {
            throw usage((warmup < 0 ? "--warmup" : "--eval-every") + " must not be negative");
        }
        if (stopAfter != null && stopAfter < 1) {
            throw usage("--stop-after must be at least 1, got " + stopAfter);
        }
    }

    private void requireOnlyFor(String k, String forKind, String option, boolean given) {
        if (given && !k.equals(forKind)) {
            throw usage(option + " applies to --model " + forKind + ", not " + k);
        }
    }

    private int positive(String option, Integer value, int dflt) {
        if (value == null) {
            return dflt;
        }
        if (value < 1) {
            throw usage(option + " must be at least 1, got " + value);
        }
        return value;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Refuses to put a new run where one exists or where other files are. */
    static void requireFreshDirectory(Path out) throws IOException {
        if (new RunDirectory(out).exists()) {
            throw new IOException(out + " already holds a run; continue it with --resume or choose another --out");
        }
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            throw new IOException(out + " exists and is not an empty directory; choose a new --out for the run");
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    // ---------------------------------------------------------------- output

    private static void describe(PrintWriter out, TrainingRun run, boolean complete, boolean resumed) throws IOException {
        int latest = run.dir.checkpoints().latest().orElse(0);
        String state = complete ? "complete" : latest > 0 ? "resuming after step " + Formats.count(latest)
                + " of " + Formats.count(run.provenance.steps()) : resumed ? "resuming from the start" : "new";
        out.printf("run       %s (%s)%n", run.dir.root(), state);
        out.printf("data      %s%n", dataLine(run.data));
        out.printf("model     %s, %s parameters, %s%n", Formats.architecture(run.modelSpec.toMap()),
                Formats.count(run.model.parameterCount()), run.config.algebra);
        TrainConfig c = run.config;
        out.printf("training  %d epoch(s) x %s steps (batch %d), %s lr %s, %s schedule%s, seed %d, checkpoint every %s steps%n",
                c.epochs, Formats.count(run.provenance.stepsPerEpoch()), c.batchSize, c.optimizer, c.learningRate,
                c.schedule, c.warmupSteps > 0 ? " after " + c.warmupSteps + " warm-up steps" : "", c.seed,
                Formats.count(c.checkpointEvery > 0 ? c.checkpointEvery : run.provenance.steps()));
        out.flush();
    }

    /** {@code digits: 8,000 training and 2,000 held-out examples; 400 subjects own training examples (500 in all)}. */
    static String dataLine(PreparedData d) {
        String subjects = d.all.hasSubjects() ? "; " + Formats.count(d.train.distinctSubjects().size()) + " subjects own "
                + "training examples (" + Formats.count(d.all.distinctSubjects().size()) + " in all)" : "";
        return d.all.name() + ": " + Formats.count(d.train.size()) + " training and " + Formats.count(d.test.size())
                + " held-out " + (d.isText() ? "documents" : "examples") + subjects;
    }

    private void report(PrintWriter out, TrainingRun run, TrainingSession.Outcome o, boolean complete) {
        if (complete) {
            out.printf("done      nothing to do: all %s steps were trained; held out %s%n", Formats.count(o.totalSteps),
                    Formats.metrics(o.metrics));
        } else if (o.stopped) {
            out.printf("stopped   after step %s of %s (checkpoint saved) in %.1f s; continue with: lethe train --out %s --resume%n",
                    Formats.count(o.completedSteps), Formats.count(o.totalSteps), o.seconds, run.dir.root());
        } else {
            out.printf("done      %s steps in %.1f s; held out %s%n", Formats.count(o.completedSteps - o.resumedFrom),
                    o.seconds, Formats.metrics(o.metrics));
            out.printf("saved     %s (and model.card.json)%n", run.dir.model());
        }
        out.flush();
    }
}
