package org.lethe.app.cli.model;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.cli.audit.AuditCommand;
import org.lethe.app.cli.serve.ServiceDemo;
import org.lethe.app.report.AuditReport;
import org.lethe.audit.AuditResult;
import org.lethe.audit.AuditRunner;
import org.lethe.audit.ForgetSet;
import org.lethe.exec.LocalJobRunner;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelVersions;
import org.lethe.tensor.Parallel;
import org.lethe.tensor.Rng;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.ProvenanceLog;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.ReplayUnlearner;
import org.lethe.unlearn.SisaRecomputed;
import org.lethe.unlearn.SisaUnlearner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe demo}: the main job on the bundled digits, runnable right after cloning. Trains a small MLP with
 * provenance and generated subjects into a run directory, reports held-out accuracy, and follows one subject
 * through training: which steps its examples fed. The demo is a list of {@link DemoStage}s over a shared
 * {@link DemoState}; a new capability (deleting the subject, auditing the result) is one more stage.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Train with provenance on the bundled digits and follow one subject.",
                "Trains a small MLP on subjects of 20 digits each, reports held-out accuracy, and shows " +
                "which training steps one subject's digits fed.",
                "With --service: one erasure request through the deletion service instead, from submission to a " +
                "certificate checked offline."})
public final class DemoCommand implements Callable<Integer> {
    private static final String DATA = "digits";
    private static final double TEST_FRACTION = 0.2;
    private static final int[] HIDDEN = {256, 128};
    private static final int STEPS_SHOWN = 8;
    private static final long SUBJECT_STREAM = 0x5B1EC7L;
    private static final int SISA_SHARDS = 8;
    private static final int SISA_SLICES = 4;
    private static final int SISA_EPOCHS_PER_SLICE = 2;
    /** Models per side in the demo's audit: enough for every measure, few enough to take seconds. */
    private static final int AUDIT_MODELS = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory to create (default: a new temporary directory).")
    private Path out;

    @Option(names = "--service", description = "The second demo: start the deletion service on loopback, submit one "
            + "request, approve it, wait until it is applied and certified, and check the certificate offline "
            + "(--seed, --out and --keep apply; the training options do not).")
    private boolean service;

    @Option(names = "--keep", description = "Keep the temporary run directory after the demo (it is removed by "
            + "default; a directory given with --out is always kept).")
    private boolean keep;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of initialisation, split, subjects, data order and the subject followed (default: " +
                    "${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3",
            description = "Passes over the training digits (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "32",
            description = "Examples per SGD step (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.05",
            description = "SGD learning rate, decayed by a cosine schedule (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--subjects-per", paramLabel = "K", defaultValue = "20",
            description = "Digits per generated subject (default: ${DEFAULT-VALUE}).")
    private int subjectsPer;

    @Option(names = "--subject", paramLabel = "S",
            description = "The subject to follow (default: one drawn with the seed).")
    private String subject;

    @Override
    public Integer call() throws Exception {
        requirePositive("--epochs", epochs);
        requirePositive("--batch-size", batchSize);
        requirePositive("--subjects-per", subjectsPer);
        if (!(learningRate > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lr must be positive, got " + learningRate);
        }
        if (service) {
            return serviceDemo();
        }
        DemoState state = new DemoState(spec.commandLine().getOut());
        state.runDir = out != null ? out : Files.createTempDirectory("lethe-demo-");
        TrainCommand.requireFreshDirectory(state.runDir);
        PrintWriter w = state.out;
        w.println("Lethe demo: training with provenance on the bundled MNIST digits");
        w.printf("run directory %s%n", state.runDir);
        // A temporary directory is the demo's own: removed at the end (or on failure) unless --keep asks otherwise.
        boolean removeAfter = out == null && !keep;
        try {
            List<DemoStage> stages = stages();
            for (int i = 0; i < stages.size(); i++) {
                w.printf("%n[%d/%d] %s%n", i + 1, stages.size(), stages.get(i).title);
                w.flush();
                stages.get(i).action.run(state);
            }
            w.printf("%ntime %.1f s training, %.1f s in all%n", state.training.seconds,
                    (System.nanoTime() - state.startNanos) / 1e9);
            if (removeAfter) {
                w.printf("removed the run directory %s (run with --keep or --out DIR to explore it)%n", state.runDir);
            } else {
                w.printf("Explore the run:  lethe info --model %s%n", state.runDir);
                w.printf("                  lethe data steps --model %s --subject %s%n", state.runDir, state.subject);
            }
            w.flush();
            return 0;
        } finally {
            if (removeAfter) {
                ModelVersions.discard(state.runDir);
            }
        }
    }

    private int serviceDemo() throws Exception {
        if (out != null && !isNewOrEmpty(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": must be a new or empty directory");
        }
        Path dir = out != null ? out : Files.createTempDirectory("lethe-demo-service-");
        PrintWriter w = spec.commandLine().getOut();
        w.println("Lethe demo: one erasure request through the deletion service, end to end");
        w.printf("run directory %s%n", dir);
        boolean removeAfter = out == null && !keep;
        long start = System.nanoTime();
        try {
            boolean valid = ServiceDemo.run(dir, seed, w);
            w.printf("%ntime %.1f s in all%n", (System.nanoTime() - start) / 1e9);
            if (removeAfter) {
                w.printf("removed the run directory %s (run with --keep or --out DIR to explore it)%n", dir);
            } else {
                w.printf("Explore it:  lethe serve --data-dir %s --model digits=%s   (then http://127.0.0.1:8080/)%n",
                        dir.resolve("service"), dir.resolve("models").resolve("digits"));
                w.printf("             lethe ledger verify --data-dir %s%n", dir.resolve("service"));
            }
            w.flush();
            return valid ? 0 : 1;
        } finally {
            if (removeAfter) {
                ModelVersions.discard(dir);
            }
        }
    }

    private static boolean isNewOrEmpty(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The demo, stage by stage. */
    private List<DemoStage> stages() {
        List<DemoStage> stages = new ArrayList<>();
        stages.add(new DemoStage("Train with provenance", this::train));
        stages.add(new DemoStage("Evaluate on held-out digits", this::evaluate));
        stages.add(new DemoStage("Follow one subject through training", this::follow));
        stages.add(new DemoStage("What deleting it would take", this::deletionCost));
        stages.add(new DemoStage("Train a SISA ensemble on the same digits", this::trainSisa));
        stages.add(new DemoStage("Delete the subject exactly", this::deleteSubject));
        stages.add(new DemoStage("Audit: does the model still remember the subject?", this::audit));
        return stages;
    }

    private void train(DemoState s) throws Exception {
        PreparedData data = PreparedData.prepare(DATA, TEST_FRACTION, seed, subjectsPer, null);
        int[] widths = new int[HIDDEN.length + 2];
        widths[0] = data.trainDataset().featureCount();
        System.arraycopy(HIDDEN, 0, widths, 1, HIDDEN.length);
        widths[widths.length - 1] = data.trainDataset().classCount();
        TrainConfig config = new TrainConfig();
        config.seed = seed;
        config.epochs = epochs;
        config.batchSize = batchSize;
        config.optimizer = "sgd";
        config.learningRate = learningRate;
        config.schedule = "cosine";
        config.checkpointEvery = (data.train.size() + batchSize - 1) / batchSize;
        s.run = TrainingRun.create(s.runDir, ModelSpec.mlp(widths), config, data);
        s.subject = chooseSubject(s.run);
        PrintWriter w = s.out;
        w.printf("  data      %s; %d digits per subject%n", TrainCommand.dataLine(data), subjectsPer);
        w.printf("  model     %s, %s parameters, %s%n", Formats.architecture(s.run.modelSpec.toMap()),
                Formats.count(s.run.model.parameterCount()), config.algebra);
        w.printf("  training  %d epoch(s) x %s steps (batch %d), SGD lr %s with cosine decay, seed %d%n", epochs,
                Formats.count(s.run.provenance.stepsPerEpoch()), batchSize, learningRate, seed);
        w.flush();
        s.training = TrainingSession.train(s.run, null, null);
        w.printf("  trained   %s steps in %.1f s; every batch is recorded in provenance.json, a checkpoint after each epoch%n",
                Formats.count(s.training.completedSteps), s.training.seconds);
    }

    private void evaluate(DemoState s) {
        double accuracy = s.training.metrics.get("accuracy");
        int n = s.run.data.test.size();
        s.out.printf("  held-out accuracy %s (%s of %s digits), loss %s%n", Formats.percent(accuracy),
                Formats.count(Math.round(accuracy * n)), Formats.count(n), Formats.decimal(s.training.metrics.get("loss")));
    }

    private void follow(DemoState s) {
        ProvenanceLog log = s.run.provenance;
        s.subjectIds = log.idsOfSubject(s.subject);
        s.subjectSteps = log.stepsUsingAny(s.subjectIds);
        int[] perEpoch = new int[log.epochs()];
        for (int step : s.subjectSteps) {
            perEpoch[step / log.stepsPerEpoch()]++;
        }
        List<String> epochsText = new ArrayList<>();
        for (int e = 0; e < perEpoch.length; e++) {
            epochsText.add("epoch " + e + ": " + perEpoch[e]);
        }
        PrintWriter w = s.out;
        w.printf("  %s owns %d training digits: %s%n", s.subject, s.subjectIds.size(), abbreviated(s.subjectIds, 5));
        w.printf("  they fed %s of %s steps (%s): %s%n", Formats.count(s.subjectSteps.length), Formats.count(log.steps()),
                Formats.percent(s.subjectSteps.length / (double) log.steps()), String.join(", ", epochsText));
        w.printf("  first steps: %s%n", Formats.steps(s.subjectSteps, STEPS_SHOWN));
    }

    private void deletionCost(DemoState s) throws Exception {
        int total = s.run.provenance.steps();
        int first = s.subjectSteps.length == 0 ? total : s.subjectSteps[0];
        // A checkpoint after k completed steps is the state before step k, so one at or before the first affected
        // step is still untouched by the subject.
        int from = s.run.dir.checkpoints().latestAtMost(first).orElse(0);
        s.out.printf(Locale.ROOT, "  Without %s's digits, training would first differ at step %d. Exact deletion by%n",
                s.subject, first);
        s.out.printf(Locale.ROOT, "  retraining restarts from %s and redoes %s of %s steps.%n",
                from == 0 ? "scratch" : "the checkpoint after step " + from, Formats.count(total - from), Formats.count(total));
    }

    private void trainSisa(DemoState s) throws Exception {
        TrainConfig config = s.run.config.copy();
        config.schedule = "constant";
        config.scheduleSteps = 0;
        config.checkpointEvery = 0;
        s.sisaDir = s.runDir.resolve("sisa");
        long start = System.nanoTime();
        SisaModel sisa = SisaModel.create(s.sisaDir, s.run.modelSpec, config, s.run.data, SISA_SHARDS, SISA_SLICES,
                SISA_EPOCHS_PER_SLICE, "mean");
        sisa.trainAll(new LocalJobRunner(Parallel.threads()), null);
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = sisa.accuracy(s.run.data.testDataset());
        int shard = -1;
        for (int i = 0; i < s.run.data.train.size() && shard < 0; i++) {
            if (s.subject.equals(s.run.data.train.subject(i))) {
                shard = sisa.shardOf(i);
            }
        }
        s.out.printf(Locale.ROOT, "  %d shards x %d slices, shards split by subject; trained in %.1f s%n", SISA_SHARDS,
                SISA_SLICES, seconds);
        s.out.printf(Locale.ROOT, "  ensemble held-out accuracy %s (single model: %s)%n", Formats.percent(accuracy),
                Formats.percent(s.training.metrics.get("accuracy")));
        s.out.printf(Locale.ROOT, "  all of %s's digits live in shard %d%n", s.subject, shard);
    }

    private void deleteSubject(DemoState s) throws Exception {
        DeletionRequest request = new DeletionRequest(null, List.of(s.subject), "demo erasure request", "lethe demo");
        DeletionRecord sisa = new SisaUnlearner(new LocalJobRunner(Parallel.threads()))
                .forget(s.sisaDir, request, s.runDir.resolve("sisa-v2"));
        DeletionRecord retrain = new ReplayUnlearner(true, null).forget(s.runDir, request, s.runDir.resolve("retrained"));
        SisaModel deleted = SisaModel.open(s.runDir.resolve("sisa-v2"));
        SisaModel scratch = SisaModel.create(s.runDir.resolve("sisa-scratch"), deleted.modelSpec, deleted.config,
                deleted.data, deleted.shards(), deleted.slices(), deleted.epochsPerSlice, deleted.aggregation);
        scratch.trainAll(new LocalJobRunner(Parallel.threads()), null);
        boolean exact = scratch.hash().equals(sisa.hashAfter());
        PrintWriter w = s.out;
        w.printf(Locale.ROOT, "  SISA removed %d digits by retraining %s of %s shard stages in %.2f s -> %s%n",
                sisa.removedIds().size(), SisaRecomputed.of(sisa).stagesRetrained(), SisaRecomputed.of(sisa).stagesTotal(),
                sisa.wallSeconds(), s.runDir.resolve("sisa-v2"));
        w.printf(Locale.ROOT, "  retraining the single model without them took %.2f s (%.1fx longer)%n",
                retrain.wallSeconds(), retrain.wallSeconds() / sisa.wallSeconds());
        w.printf(Locale.ROOT, "  exact: the new ensemble is %s to SISA trained from scratch without %s%n",
                exact ? "bit-identical" : "NOT identical (a bug: please report it)", s.subject);
        w.printf(Locale.ROOT, "  the old version is untouched; the deletion record is %s%n",
                s.runDir.resolve("sisa-v2").resolve("deletion.json"));
        ModelVersions.discard(s.runDir.resolve("sisa-scratch"));
        s.deletedModel = s.runDir.resolve("sisa-v2");
    }

    /**
     * Audits the deletion of the subject when a stage made one; otherwise the trained model itself, which never
     * forgot the subject: a few models retrained without its digits and a few trained with them (other seeds),
     * cached in the run directory, are the yardstick.
     */
    private void audit(DemoState s) throws Exception {
        AuditRunner.Settings a = new AuditRunner.Settings();
        a.model = s.deletedModel != null ? s.deletedModel : s.runDir;
        a.forget = s.deletedModel != null ? ForgetSet.Spec.fromDeletionRecord() : ForgetSet.Spec.subjects(List.of(s.subject));
        a.retrain = AUDIT_MODELS;
        a.cache = s.runDir.resolve("audit-cache");
        a.baselineRepeats = 10;
        AuditResult result = AuditRunner.run(a);
        Path page = AuditReport.write(result, s.runDir.resolve("audit"));
        AuditCommand.line(s.out, "  ", "audited", String.format(Locale.ROOT, "%s against %d models retrained without "
                + "%s's digits and %d %s", s.deletedModel != null ? s.deletedModel : "the model above", AUDIT_MODELS,
                s.subject, AUDIT_MODELS, s.deletedModel != null ? "unlearned the same way" : "trained with them (other seeds)"));
        AuditCommand.printSummary(s.out, result, page, "  ");
        AuditCommand.line(s.out, "  ", "again", "lethe audit --model " + a.model + " --subject " + s.subject
                + " --retrain 32   (more models, a sharper verdict)");
    }

    private String chooseSubject(TrainingRun run) {
        List<String> inTraining = run.provenance.subjectList();
        if (subject == null) {
            return inTraining.get(new Rng(Rng.derive(seed, SUBJECT_STREAM)).nextInt(inTraining.size()));
        }
        if (!inTraining.contains(subject)) {
            if (run.data.all.distinctSubjects().contains(subject)) {
                throw new IllegalArgumentException(subject + " owns only held-out digits, which training never used;"
                        + " choose another (see 'lethe data subjects --model " + run.dir.root() + "')");
            }
            throw new IllegalArgumentException("unknown subject " + subject + " (subjects are " + inTraining.get(0)
                    + " and the like; see 'lethe data subjects --model " + run.dir.root() + "')");
        }
        return subject;
    }

    private static String abbreviated(List<String> items, int limit) {
        List<String> shown = items.subList(0, Math.min(limit, items.size()));
        return String.join(", ", shown) + (items.size() > limit ? ", ..." : "");
    }

    private void requirePositive(String option, int value) {
        if (value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
    }
}
