package org.lethe.app.cli.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lethe.app.bench.DeletionBenchmark;
import org.lethe.app.bench.SparkBenchmark;
import org.lethe.app.bench.SparkBenchmarkResult;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;
import org.lethe.store.ModelVersions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe bench spark}: the deletion benchmark's SISA ensemble and an audit's references with the local runner
 * and on standalone Spark clusters of one and two one-core workers. Needs the lethe-spark module (run through
 * {@code lethe-spark/bin/lethe-spark}, which names the cluster script).
 */
@Command(name = "spark",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Cluster benchmark: the deletion benchmark's SISA ensemble (8 shards x 4 slices) and an "
                + "audit's reference models (16), trained with the local runner, then on a standalone Spark cluster "
                + "on this machine with one and with two workers of one core: wall times, overhead, scaling, "
                + "identical weights. Run it as lethe-spark/bin/lethe-spark bench spark."})
public final class BenchSparkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonFileOption json;

    @Option(names = "--data", paramLabel = "fashion-mnist|digits",
            description = "Data (default: Fashion-MNIST when installed, else the bundled digits, as bench deletion).")
    private String data;

    @Option(names = "--shards", defaultValue = "8", description = "Shards (default: ${DEFAULT-VALUE}).")
    private int shards;

    @Option(names = "--slices", defaultValue = "4", description = "Slices per shard (default: ${DEFAULT-VALUE}).")
    private int slices;

    @Option(names = "--epochs-per-slice", defaultValue = "2", description = "SISA epochs per slice stage (default: ${DEFAULT-VALUE}).")
    private int epochsPerSlice;

    @Option(names = "--hidden", defaultValue = "256", description = "Hidden width of the MLP (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Option(names = "--references", defaultValue = "16", description = "Reference models of the audit (default: ${DEFAULT-VALUE}).")
    private int references;

    @Option(names = "--reference-epochs", defaultValue = "1", description = "Epochs of each reference (default: ${DEFAULT-VALUE}).")
    private int referenceEpochs;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Steady-state trainings of the ensemble per case after the warm-up; the median is reported "
                    + "(default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch directory (default: a temporary one, removed afterwards).")
    private Path work;

    @Override
    public Integer call() throws Exception {
        String script = System.getProperty(StandaloneClusters.SCRIPT_PROPERTY);
        if (script == null || !Files.isExecutable(Path.of(script))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "bench spark needs the lethe-spark module: run it as lethe-spark/bin/lethe-spark bench spark");
        }
        if (data != null && !data.equals("fashion-mnist") && !data.equals("digits")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--data must be fashion-mnist or digits, got " + data);
        }
        if (shards < 1 || slices < 1 || epochsPerSlice < 1 || hidden < 1 || references < 1 || referenceEpochs < 1
                || repeats < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shards, --slices, --epochs-per-slice, "
                    + "--hidden, --references, --reference-epochs and --repeats must be at least 1");
        }
        return run(new StandaloneClusters(Path.of(script)));
    }

    /** Runs the benchmark on {@code clusters} and reports it (the command's work once its input is checked). */
    int run(SparkBenchmark.Clusters clusters) throws Exception {
        Path jsonFile = json.file();
        PrintWriter out = json.stdout() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        SparkBenchmark.Settings s = new SparkBenchmark.Settings();
        DeletionBenchmark.Settings d = s.sisa;
        d.shards = shards;
        d.slices = slices;
        d.epochsPerSlice = epochsPerSlice;
        d.hidden = hidden;
        d.seed = seed;
        s.data = data;
        s.references = references;
        s.referenceEpochs = referenceEpochs;
        s.repeats = repeats;
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("lethe-bench-spark") : work;
        SparkBenchmarkResult r;
        try {
            r = SparkBenchmark.run(s, dir, clusters, line -> {
                if (Progress.stdoutIsTerminal()) {
                    System.err.println("  " + line);
                }
            });
        } finally {
            if (temporary) {
                ModelVersions.discard(dir);
            }
        }
        out.printf("data %s: %s train examples; %s; SISA %sx%s, %s epochs per slice; audit: %s references of %s epoch(s)%n",
                r.data(), r.trainExamples(), r.model(), r.shards(), r.slices(), r.epochsPerSlice(), r.references(),
                r.referenceEpochs());
        out.printf("%-10s %-8s %-8s %-12s %-10s %-22s %-9s %-12s %s%n", "case", "workers", "start s", "sisa cold s",
                "warm-up s", "sisa steady s (median)", "audit s", "sisa hash", "references hash");
        for (SparkBenchmarkResult.Case c : r.cases()) {
            out.printf("%-10s %-8s %-8s %-12s %-10s %-22s %-9s %-12s %s%n", c.name(), c.workers(), c.startSeconds(),
                    c.coldSisaSeconds(), c.warmUpSeconds(), c.sisaSeconds() + " " + c.sisaRuns(), c.auditSeconds(),
                    abbreviated(c.sisaHash()), abbreviated(c.referencesHash()));
        }
        out.printf("SISA steady: two workers %+.1f%% against the local runner (target: at most +25%%), one worker / two "
                + "= %.2fx (target: at least 1.6x)%n", 100 * r.sisaOverhead(), r.sisaScaling());
        out.printf("SISA cold (first batch): two workers %+.1f%% against the local runner, one worker / two = %.2fx%n",
                100 * r.coldSisaOverhead(), r.coldSisaScaling());
        out.printf("audit references (after the warm-up): two workers %+.1f%% against the local runner, one worker / "
                + "two = %.2fx%n", 100 * r.auditOverhead(), r.auditScaling());
        out.printf("identical weights in every case: %s%n", r.identical());
        if (jsonFile != null) {
            AtomicFiles.write(jsonFile, (JsonFiles.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (json.stdout()) {
            JsonOutput.print(spec.commandLine().getOut(), r);
        }
        return 0;
    }

    private static String abbreviated(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
