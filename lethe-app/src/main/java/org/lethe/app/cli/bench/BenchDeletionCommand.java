package org.lethe.app.cli.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lethe.app.bench.DeletionBenchmark;
import org.lethe.app.bench.DeletionBenchmarkResult;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe bench deletion}: SISA vs replay vs full retraining on Fashion-MNIST (bundled digits otherwise). */
@Command(name = "deletion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Exact-deletion benchmark: monolithic MLP vs SISA ensemble (8 shards x 4 slices by " +
                "default), then the time to delete 1, 10 and 100 random subjects with SISA, replay and full " +
                "retraining, and a bit-for-bit check of the SISA deletion against training from scratch."})
public final class BenchDeletionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonFileOption json;

    @Option(names = "--shards", defaultValue = "8", description = "Shards (default: ${DEFAULT-VALUE}).")
    private int shards;

    @Option(names = "--slices", defaultValue = "4", description = "Slices per shard (default: ${DEFAULT-VALUE}).")
    private int slices;

    @Option(names = "--epochs", defaultValue = "6", description = "Epochs of the monolithic model (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--epochs-per-slice", defaultValue = "2", description = "SISA epochs per slice stage (default: ${DEFAULT-VALUE}).")
    private int epochsPerSlice;

    @Option(names = "--sisa-batch-size", defaultValue = "64", description = "Batch size of the shard models (default: ${DEFAULT-VALUE}).")
    private int sisaBatchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate of the monolithic model (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Option(names = "--sisa-lr", defaultValue = "0.01", description = "Learning rate of the shard models (default: ${DEFAULT-VALUE}).")
    private double sisaLr;

    @Option(names = "--sisa-schedule", paramLabel = "constant|linear|cosine", defaultValue = "linear",
            description = "Learning-rate schedule of the shard models, restarted in every slice stage (default: ${DEFAULT-VALUE}).")
    private String sisaSchedule;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (momentum 0.9), for both (default: ${DEFAULT-VALUE}).")
    private String optimizer;

    @Option(names = "--sizes", split = ",", defaultValue = "1,10,100",
            description = "Numbers of subjects to delete (default: ${DEFAULT-VALUE}).")
    private int[] sizes;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch directory (default: a temporary one, removed afterwards).")
    private Path work;

    @Override
    public Integer call() throws Exception {
        Path jsonFile = json.file();
        // With --json the text report is dropped and one JSON document printed at the end.
        PrintWriter out = json.stdout() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        DeletionBenchmark.Settings s = new DeletionBenchmark.Settings();
        s.shards = shards;
        s.slices = slices;
        s.monolithicEpochs = epochs;
        s.epochsPerSlice = epochsPerSlice;
        s.deletionSizes = sizes;
        s.sisaBatchSize = sisaBatchSize;
        s.learningRate = lr;
        s.sisaLearningRate = sisaLr;
        s.sisaSchedule = sisaSchedule;
        s.optimizer = optimizer;
        s.seed = seed;
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("lethe-bench-deletion") : work;
        DeletionBenchmarkResult r;
        try {
            r = DeletionBenchmark.run(s, dir, line -> {
                if (Progress.stdoutIsTerminal()) {
                    System.err.println("  " + line);
                }
            });
        } finally {
            if (temporary) {
                DeletionBenchmark.cleanUp(dir);
            }
        }
        out.printf("data %s: %s train examples, %s subjects; %s%n", r.data(), r.trainExamples(), r.subjects(), r.model());
        out.printf("monolithic: test accuracy %.4f, trained in %.2f s%n", r.monolithicTestAccuracy(), r.monolithicTrainSeconds());
        out.printf("SISA %sx%s: test accuracy %.4f (drop %.2f points), trained in %.2f s%n", r.shards(), r.slices(),
                r.sisaTestAccuracy(), r.accuracyDrop(), r.sisaTrainSeconds());
        out.printf("%-9s %-9s %-12s %-12s %-12s %-10s%n", "subjects", "examples", "sisa s", "replay s", "retrain s",
                "retrain/sisa");
        for (DeletionBenchmarkResult.Deletion row : r.deletions()) {
            out.printf("%-9s %-9s %-12s %-12s %-12s %-10s%n", row.subjects(), row.examples(), row.sisaSeconds(),
                    row.replaySeconds(), row.retrainSeconds(), row.sisaSpeedupOverRetrain());
        }
        // The one-subject figures exist only when the sizes include 1.
        if (r.oneSubjectSisaSecondsEach() != null) {
            out.printf("one subject (mean of %s single-subject deletions: %s s): SISA %.1fx faster than retraining from "
                            + "scratch without checkpoints (mean %s s of %s, timed before and after the deletions), "
                            + "%.1fx faster than the retrain method with checkpoints;%n",
                    r.oneSubjectSisaSecondsEach().size(), r.oneSubjectSisaSecondsEach(), r.speedup(),
                    r.oneSubjectBareRetrainSeconds(), r.oneSubjectBareRetrainSecondsEach(),
                    r.speedupOverRetrainWithCheckpoints());
            out.printf("exact (the first deletion is bit-identical to SISA trained from scratch without the data): %s%n", r.exact());
        }
        if (jsonFile != null) {
            AtomicFiles.write(jsonFile, (JsonFiles.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (json.stdout()) {
            JsonOutput.print(spec.commandLine().getOut(), r);
        }
        return 0;
    }
}
