package org.lethe.app.cli.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lethe.app.bench.AuditBenchmark;
import org.lethe.app.bench.AuditBenchmarkResult;
import org.lethe.app.bench.DeletionBenchmark;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe bench audit}: forget quality, membership attacks and wall time of four deletion methods. */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Audit benchmark on the bundled digits: an MLP trained on 1,000 digits, a random 2%% to " +
                "forget, scored with the NeurIPS 2023 forget quality (N models per side), a loss-threshold " +
                "attack and U-LiRA, for the original (no unlearning), full retraining, an exact SISA " +
                "deletion and an amnesiac deletion; and the best F possible at that N, from two independent " +
                "sets of retrained models. About 4 minutes on 2 cores (see docs/benchmarks.md)."})
public final class BenchAuditCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonFileOption json;

    @Option(names = "--models", paramLabel = "N", defaultValue = "32", description = "Models per side, N (default: ${DEFAULT-VALUE}).")
    private int models;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch directory, kept afterwards (default: a temporary one, removed).")
    private Path work;

    @Override
    public Integer call() throws Exception {
        if (models < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--models must be at least 2, got " + models);
        }
        Path jsonFile = json.file();
        // With --json the text report is dropped and one JSON document printed at the end.
        PrintWriter out = json.stdout() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        AuditBenchmark.Settings s = new AuditBenchmark.Settings();
        s.models = models;
        s.seed = seed;
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("lethe-bench-audit") : work;
        boolean terminal = Progress.stdoutIsTerminal();
        AuditBenchmarkResult r;
        try {
            r = AuditBenchmark.run(s, dir, line -> {
                if (terminal) {
                    System.err.println("  " + line);
                }
            });
        } finally {
            if (temporary) {
                DeletionBenchmark.cleanUp(dir);
            }
        }
        out.printf("data digits: %s training examples (%s held out), forget %s random ones; %s, %s%n",
                r.trainExamples(), r.heldOutExamples(), r.forgetExamples(), r.model(), r.training());
        out.printf("N = %s models per side; SISA %s%n", r.modelsPerSide(), r.sisa());
        out.printf("%-32s %6s %6s %6s %8s %9s %7s %8s %8s %7s%n", "method", "F", "F0", "final", "MIA AUC", "(retrain)",
                "U-LiRA", "test acc", "delete s", "audit s");
        for (AuditBenchmarkResult.Row row : r.rows()) {
            // U-LiRA may not have been measured: NaN in the table, as before.
            double uLira = row.uLiraAuc() == null ? Double.NaN : row.uLiraAuc();
            out.printf(java.util.Locale.ROOT, "%-32s %6.3f %6.3f %6.3f %8.3f %9.3f %7.3f %8.4f %8.2f %7.1f%n",
                    row.method(), row.forgetQuality(), row.fIfIndistinguishable(), row.finalScore(), row.miaAuc(),
                    row.miaAucRetrained(), uLira, row.testAccuracy(), row.deletionSeconds(), row.auditSeconds());
        }
        AuditBenchmarkResult.BestPossibleF best = r.bestPossibleF();
        out.printf(java.util.Locale.ROOT, "best possible F at N = %s: %.3f +- %.3f (two independent sets of retrained models, "
                        + "%s random splits); Gaussian estimate %.3f; retrain scores %.2f of it, the original %.2f%n",
                r.modelsPerSide(), best.permutationMean(), best.permutationStd(), best.splits(), best.gaussianMean(),
                best.retrainRelativeToPermutation(), best.originalRelativeToPermutation());
        out.printf(java.util.Locale.ROOT, "for SISA ensembles (two independent sets, the exact deletion being one): %.3f +- %.3f%n",
                best.sisaPermutationMean(), best.sisaPermutationStd());
        out.printf("F0: F of models indistinguishable from retraining at this N (Gaussian estimate from the row's references)%n");
        out.printf(java.util.Locale.ROOT, "amnesiac reverted %s of %s training steps; total %.0f s%n",
                r.amnesiacStepsReverted(), r.trainingSteps(), r.wallSeconds());
        if (jsonFile != null) {
            AtomicFiles.write(jsonFile, (JsonFiles.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (json.stdout()) {
            JsonOutput.print(spec.commandLine().getOut(), r);
        }
        out.flush();
        return 0;
    }
}
