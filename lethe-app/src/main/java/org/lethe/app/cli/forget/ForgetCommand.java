package org.lethe.app.cli.forget;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.ForgetTarget;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.exec.LocalJobRunner;
import org.lethe.io.JsonFiles;
import org.lethe.nn.ParameterHash;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;
import org.lethe.store.ModelLine;
import org.lethe.store.ModelLineBusyException;
import org.lethe.store.ModelLineLock;
import org.lethe.store.ModelVersions;
import org.lethe.store.StoredModel;
import org.lethe.tensor.Parallel;
import org.lethe.train.SisaModel;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.MethodContext;
import org.lethe.unlearn.MethodParameter;
import org.lethe.unlearn.MethodSettings;
import org.lethe.unlearn.Requirement;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe forget}: removes subjects' or examples' data from a model, writing a new model version next to
 * the old one (never overwriting it) together with a deletion record.
 */
@Command(name = "forget",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Delete subjects' or examples' data from a model. Writes a new version next to the old one " +
                "(which is left untouched) with a deletion record. Deleting data that is already gone is a no-op. " +
                "--list-methods shows the registered methods with their parameters."})
public final class ForgetCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR|FILE",
            description = "A run directory, a SISA model directory, or a .safetensors model file (with --data).")
    private Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ForgetTarget.WithClass target;

    @Option(names = "--data", paramLabel = "DATA", description = "For a model file without a run: the data it was "
            + "trained on (digits, fashion-mnist, a path); its training part, minus the forget set, is retained.")
    private String data;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "With --data: the share held out, as lethe train splits (default: ${DEFAULT-VALUE}).")
    private double testFraction;

    @Option(names = "--split-seed", paramLabel = "S", defaultValue = "0",
            description = "With --data: the seed of the split, as lethe train's --seed (default: ${DEFAULT-VALUE}).")
    private long splitSeed;

    @Option(names = "--subjects-per", paramLabel = "K", defaultValue = "0",
            description = "With --data: generate subjects of K examples, as lethe train does (default: none).")
    private int subjectsPer;

    @Option(names = "--list-methods", help = true, description = "List the registered deletion methods and exit.")
    private boolean listMethods;

    @Option(names = "--method", paramLabel = "NAME",
            description = "Deletion method (default: sisa for SISA models, replay otherwise; see --list-methods).")
    private String method;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A parameter of the method, e.g. --param fine_tune_steps=20 (repeatable; see --list-methods).")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the new version (default: <model>-v<N>).")
    private Path out;

    @Option(names = "--reason", defaultValue = "", description = "Why the data is deleted (kept in the record).")
    private String reason;

    @Option(names = "--requester", defaultValue = "", description = "Who asked (kept in the record).")
    private String requester;

    @Option(names = "--fine-tune-steps", paramLabel = "N",
            description = "Amnesiac only: the same as --param fine_tune_steps=N (kept for existing scripts).")
    private Integer fineTuneSteps;

    @Option(names = "--branch", description = "Delete from the version named even when it is not the newest one, "
            + "starting a branch of the version line (by default deletions accumulate on the newest version).")
    private boolean branch;

    @Option(names = "--no-wait", description = "Fail at once when another deletion is changing this model, instead "
            + "of waiting for it to finish and then deleting from the version it wrote.")
    private boolean noWait;

    @Option(names = "--verify-exact", description = "Also retrain from scratch without the data and compare hashes.")
    private boolean verifyExact;

    @Option(names = "--tune", description = "Approximate methods: first search the learning rate, length and main "
            + "knob against targets needing no retrained model (forget-set losses like held-out ones of the same "
            + "classes, accuracy within 0.02 of the original's); the chosen recipe is recorded.")
    private boolean tune;

    @Option(names = "--budget", paramLabel = "F", defaultValue = "1.0",
            description = "With --tune: the search's budget, as a fraction of one training run (default: ${DEFAULT-VALUE}).")
    private double budget;

    @Mixin
    private JsonOption json;

    /** What --tune found, for the report; null without --tune. */
    private org.lethe.unlearn.RecipeTuner.Result tuning;

    @Override
    public Integer call() throws Exception {
        if (listMethods) {
            printMethods(spec.commandLine().getOut());
            return 0;
        }
        if (model == null || target == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--model and one of --subject, --ids or --class are required");
        }
        if (Files.isRegularFile(model)) {
            return forgetFromFile();
        }
        if (data != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--data is for model files without a run; "
                    + model + " has its data");
        }
        if (!Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model: no such model directory: " + model);
        }
        StoredModel stored;
        ModelKind kind;
        DeletionMethod deletion;
        MethodSettings settings;
        DeletionRequest request;
        try {
            stored = StoredModel.open(model);
            kind = stored.kind();
            deletion = method == null ? DeletionMethods.defaultFor(kind) : DeletionMethods.forModel(method, kind);
            Map<String, String> given = new LinkedHashMap<>(params);
            if (fineTuneSteps != null) {
                if (given.containsKey("fine_tune_steps")) {
                    throw new IllegalArgumentException("--fine-tune-steps is the old spelling of --param "
                            + "fine_tune_steps; give one of them");
                }
                given.put("fine_tune_steps", String.valueOf(fineTuneSteps));
            }
            settings = deletion.settings(given);
            List<String> ids = target.classes() != null ? classIds(stored.loadRun().data.trainDataset(), target.classes())
                    : readIds();
            request = new DeletionRequest(ids, target.subjects(), reason, requester);
            if (tune) {
                TrainingRun run = stored.loadRun();
                List<String> forgetIds = target.subjects() != null
                        ? org.lethe.data.Selection.ofSubjects(run.data.train, target.subjects()).forgetIds() : ids;
                settings = tuned(deletion, settings, run.model, run.modelSpec, run.config, run.data, forgetIds);
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean sisa = kind == ModelKind.SISA;
        ModelLine line = ModelLine.of(model);
        DeletionRecord record;
        Path from;
        Path next;
        // The line's lock covers choosing the head, naming the next version and writing it, so a second deletion
        // waits here and then starts from the version the first one wrote.
        try (ModelLineLock lock = acquire(line)) {
            try {
                from = line.deletionStart(model, branch);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            next = out != null ? out : line.nextVersion();
            if (!from.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize()) && !json.enabled()) {
                spec.commandLine().getOut().printf("deleting from the newest version of %s: %s%n", line.name(), from);
            }
            // Methods that replay training steps run long enough for a progress bar (on a terminal).
            try (Progress progress = deletion.needs().contains(Requirement.PROVENANCE) && deletion.exact()
                    ? stepProgress(deletion.name(), StoredModel.open(from)) : null) {
                record = deletion.unlearner(settings, new MethodContext(LocalJobRunner.perCore(), stepListener(progress)))
                        .forget(from, request, next);
            }
        }
        Boolean verified = !record.isNoOp() && verifyExact ? verify(sisa, next, record) : null;
        PrintWriter pw = spec.commandLine().getOut();
        if (json.enabled()) {
            pw.println(JsonFiles.line(ForgetResult.of(record, from.toAbsolutePath().normalize().toString(),
                    next.toAbsolutePath().normalize().toString(), tuning, verified)));
        } else if (record.isNoOp()) {
            pw.printf("nothing to delete: the %d example(s) named are already deleted from %s; no new version written%n",
                    record.alreadyDeleted().size(), from);
        } else {
            pw.printf("deleted %d example(s) with %s (%s) in %.2f s%n", record.removedIds().size(), record.method(),
                    record.exact() ? "exact" : "approximate", record.wallSeconds());
            if (!record.alreadyDeleted().isEmpty()) {
                pw.printf("%d other example(s) named were already deleted by earlier versions%n",
                        record.alreadyDeleted().size());
            }
            pw.printf("recomputed: %s%n", Formats.figures(record.recomputed()));
            pw.printf("model before %s%nmodel after  %s%nnew version: %s%n", record.hashBefore(), record.hashAfter(), next);
            if (verified != null) {
                pw.printf("verify: retrained from scratch, hashes %s%n",
                        verified ? "match (exact)"
                                : record.exact() ? "DIFFER (this is a bug: please report it)" : "differ (expected: the method is approximate)");
            }
        }
        pw.flush();
        // An exact method that fails verification is a bug worth a failing exit; an approximate one is expected to differ.
        return record.exact() && Boolean.FALSE.equals(verified) ? 1 : 0;
    }

    /**
     * A bar over the run's optimiser steps, or null when the run cannot be read (the deletion then says why). The
     * count comes from the provenance file, so the data set is not loaded for it.
     */
    private ModelLineLock acquire(ModelLine line) throws IOException, InterruptedException {
        try {
            return line.lock(noWait ? Duration.ZERO : null);
        } catch (ModelLineBusyException e) {
            throw new IOException(e.getMessage() + "; without --no-wait, forget waits for it and then deletes from "
                    + "the version it writes", e);
        }
    }

    private static Progress stepProgress(String m, StoredModel stored) {
        try {
            return Progress.start("forget (" + m + ")", stored.provenance().steps());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Trainer.Listener stepListener(Progress progress) {
        return progress == null ? null : new Trainer.Listener() {
            private long shown;

            @Override
            public void onStep(int step, double loss, double learningRate) {
                // A replay's first step follows the restored checkpoint, so the bar jumps there first.
                progress.stepBy(step + 1 - shown);
                shown = step + 1;
            }
        };
    }

    /** Approximate deletion from a model file outside any run, on the data given with {@code --data}. */
    private int forgetFromFile() throws Exception {
        org.lethe.app.cli.LoadedModel loaded;
        org.lethe.train.PreparedData prepared;
        DeletionMethod deletion;
        MethodSettings settings;
        List<String> ids;
        try {
            loaded = org.lethe.app.cli.LoadedModel.load(StoredModel.openSingle(model));
            if (loaded.run != null) {
                throw new IllegalArgumentException(model + " belongs to a run; give the run directory "
                        + model.toAbsolutePath().getParent());
            }
            if (data == null) {
                throw new IllegalArgumentException(model + " is a model file without a run: give the data it was "
                        + "trained on with --data");
            }
            if (method == null) {
                throw new IllegalArgumentException("a model file without a run needs an approximate --method "
                        + "(see --list-methods)");
            }
            deletion = DeletionMethods.forModel(method, ModelKind.RUN);
            settings = deletion.settings(new LinkedHashMap<>(params));
            prepared = org.lethe.train.PreparedData.prepare(data, testFraction, splitSeed, subjectsPer, null);
            if (target.classes() != null) {
                ids = classIds(prepared.trainDataset(), target.classes());
            } else if (target.subjects() != null) {
                ids = org.lethe.data.Selection.ofSubjects(prepared.train, target.subjects()).forgetIds();
            } else {
                ids = readIds();
            }
            if (tune) {
                settings = tuned(deletion, settings, loaded.model, loaded.spec,
                        org.lethe.unlearn.ModelFileUnlearning.configOf(loaded.card, loaded.spec), prepared, ids);
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path next = out != null ? out : nextFileVersion(model);
        DeletionRecord record;
        try {
            record = org.lethe.unlearn.ModelFileUnlearning.forget(loaded.model, loaded.spec, loaded.card, model, prepared,
                    ids, target.subjects(), deletion, settings, next, reason, requester);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json.enabled()) {
            pw.println(JsonFiles.line(record));
        } else {
            pw.printf("deleted %d example(s) with %s (approximate) in %.2f s%n", record.removedIds().size(),
                    record.method(), record.wallSeconds());
            pw.printf("recomputed: %s%nnew model: %s (record %s)%n", record.recomputed(), next,
                    org.lethe.unlearn.ModelFileUnlearning.recordPathFor(next));
        }
        pw.flush();
        return 0;
    }

    /** Runs the tuner from {@code given} and returns the chosen settings (kept in {@link #tuning}). */
    private MethodSettings tuned(DeletionMethod deletion, MethodSettings given, org.lethe.nn.Module model,
                                 org.lethe.train.ModelSpec modelSpec, org.lethe.train.TrainConfig config,
                                 org.lethe.train.PreparedData prepared, List<String> ids) {
        org.lethe.data.Dataset train = prepared.trainDataset();
        int[] forget = new int[ids.size()];
        for (int i = 0; i < forget.length; i++) {
            forget[i] = train.indexOf(ids.get(i));
            if (forget[i] < 0) {
                throw new IllegalArgumentException("example " + ids.get(i) + " is not a training example");
            }
        }
        tuning = org.lethe.unlearn.RecipeTuner.tune(deletion, given, model, modelSpec, config, train, forget,
                prepared.testDataset(), budget);
        PrintWriter pw = spec.commandLine().getOut();
        if (!json.enabled()) {
            pw.printf("tuned %s over %d recipe(s) (%d of %d steps): forget-loss distance %.3f -> %.3f; chosen %s%n",
                    deletion.name(), tuning.trials().size(), tuning.stepsSpent(), tuning.stepBudget(),
                    tuning.originalLossDistance(), chosenTrial().lossDistance(), tuning.chosen());
        }
        return deletion.settings(tuning.chosen());
    }

    private org.lethe.unlearn.RecipeTuner.Trial chosenTrial() {
        for (org.lethe.unlearn.RecipeTuner.Trial t : tuning.trials()) {
            if (t.parameters().equals(tuning.chosen())) {
                return t;
            }
        }
        throw new IllegalStateException("the chosen recipe is not among the trials");
    }

    /** {@code name-v2.safetensors} beside {@code name.safetensors} (or the next free number). */
    private static Path nextFileVersion(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - ".safetensors".length()).replaceFirst("-v\\d+$", "");
        for (int v = 2; ; v++) {
            Path candidate = file.resolveSibling(stem + "-v" + v + ".safetensors");
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    /** Ids of the training examples of the given classes; an unknown or empty class is an error. */
    private static List<String> classIds(org.lethe.data.Dataset train, List<Integer> classes) {
        List<String> ids = new java.util.ArrayList<>();
        for (int c : classes) {
            if (c < 0 || c >= train.classCount()) {
                throw new IllegalArgumentException("--class " + c + ": the data has classes 0.." + (train.classCount() - 1));
            }
        }
        java.util.Set<Integer> wanted = new java.util.HashSet<>(classes);
        for (int i = 0; i < train.size(); i++) {
            if (wanted.contains(train.label(i))) {
                ids.add(train.id(i));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no training examples of class(es) " + classes);
        }
        return ids;
    }

    /** The registry's methods, one paragraph each. */
    static void printMethods(PrintWriter out) {
        for (DeletionMethod m : DeletionMethods.all()) {
            out.printf("%s  (%s, for %s)%n  %s%n", m.name(), m.exact() ? "exact" : "approximate",
                    m.appliesTo() == ModelKind.SISA ? "SISA ensembles" : "single models", m.summary());
            out.printf("  needs: %s%n", m.needs().stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                    .sorted().collect(java.util.stream.Collectors.joining(", ")));
            for (MethodParameter p : m.parameters()) {
                out.printf("  --param %s%n", p.summary());
            }
        }
        out.flush();
    }

    private List<String> readIds() throws IOException {
        return target.ids();
    }

    private boolean verify(boolean sisa, Path next, DeletionRecord record) throws Exception {
        Path scratchDir = Files.createTempDirectory(next.toAbsolutePath().getParent(), ".verify-");
        try {
            if (sisa) {
                SisaModel deleted = SisaModel.open(next);
                SisaModel scratch = SisaModel.create(scratchDir.resolve("model"), deleted.modelSpec, deleted.config,
                        deleted.data, deleted.shards(), deleted.slices(), deleted.epochsPerSlice, deleted.aggregation);
                scratch.trainAll(new LocalJobRunner(Parallel.threads()), null);
                return scratch.hash().equals(record.hashAfter());
            }
            TrainingRun deleted = TrainingRun.open(next);
            TrainingRun scratch = TrainingRun.create(scratchDir.resolve("model"), deleted.modelSpec, deleted.config, deleted.data);
            scratch.train(new Trainer.Listener() { });
            return ParameterHash.of(scratch.model).equals(record.hashAfter());
        } finally {
            ModelVersions.discard(scratchDir);
        }
    }
}
