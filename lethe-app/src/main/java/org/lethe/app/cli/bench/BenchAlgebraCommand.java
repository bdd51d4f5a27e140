package org.lethe.app.cli.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lethe.app.bench.AlgebraBenchmark;
import org.lethe.app.bench.AlgebraBenchmarkResult;
import org.lethe.app.bench.AlgebraPlots;
import org.lethe.app.bench.MatchingTiming;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe bench algebra}: Git Re-Basin, removing a key, building from keys. */
@Command(name = "algebra",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Weight-space algebra benchmark: (1) Git Re-Basin on MLP 784-512-512-512-10 pairs " +
                "(Fashion-MNIST when installed, else the bundled digits): barriers along naive, weight-matched and " +
                "activation-matched paths; (2) removing digits 0-4 by task-vector subtraction against the gold " +
                "model retrained on 5-9, with a linear probe and relearning (suppression or erasure); (3) building " +
                "a model of all digits from the two half-digit keys. About 5 minutes on 2 cores (see " +
                "docs/benchmarks.md)."})
public final class BenchAlgebraCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonFileOption json;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "First seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "3", description = "Re-Basin model pairs (default: ${DEFAULT-VALUE}).")
    private int pairs;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "Seeds of the key experiments (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "2", description = "Training epochs of the Re-Basin models (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--matching-only", description = "Only train the Re-Basin pairs and time weight matching, the "
            + "fast solver against the reference solver in the same run (about 1 minute per pair).")
    private boolean matchingOnly;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write the barrier and relearning plots (PNG) into DIR.")
    private Path plots;

    @Override
    public Integer call() throws Exception {
        if (pairs < 1 || seeds < 1 || epochs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pairs, --seeds and --epochs must be at least 1");
        }
        Path jsonFile = json.file();
        PrintWriter out = json.stdout() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        AlgebraBenchmark.Settings s = new AlgebraBenchmark.Settings();
        s.seed = seed;
        s.pairs = pairs;
        s.keySeeds = seeds;
        s.rebasinEpochs = epochs;
        boolean terminal = Progress.stdoutIsTerminal();
        if (matchingOnly) {
            MatchingTiming.Result m = MatchingTiming.run(s, line -> {
                if (terminal) {
                    System.err.println("  " + line);
                }
            });
            out.printf(Locale.ROOT, "Weight matching of %s pairs on %s (%d pairs, %d repeats each):%n", m.model(), m.data(),
                    m.pairs().size(), MatchingTiming.REPEATS);
            out.printf(Locale.ROOT, "   fast      median %.3f s, mean %s s%n   reference median %.3f s, mean %s s%n"
                    + "   speed-up: median / median %.2f, per pair (means) %s; same permutations in every pair: %b%n",
                    m.fastMedianSeconds(), m.fastSeconds().format(3), m.referenceMedianSeconds(),
                    m.referenceSeconds().format(3), m.medianSpeedup(), m.speedup().format(2),
                    m.pairs().stream().allMatch(MatchingTiming.PairTiming::samePermutations));
            if (jsonFile != null) {
                AtomicFiles.write(jsonFile, (JsonFiles.line(m) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (json.stdout()) {
                JsonOutput.print(spec.commandLine().getOut(), m);
            }
            out.flush();
            return 0;
        }
        AlgebraBenchmarkResult r = AlgebraBenchmark.run(s, line -> {
            if (terminal) {
                System.err.println("  " + line);
            }
        });
        print(out, r);
        if (plots != null) {
            for (Path p : AlgebraPlots.write(r, plots)) {
                out.println("plot: " + p);
            }
        }
        if (jsonFile != null) {
            AtomicFiles.write(jsonFile, (JsonFiles.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (json.stdout()) {
            JsonOutput.print(spec.commandLine().getOut(), r);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, AlgebraBenchmarkResult r) {
        AlgebraBenchmarkResult.Rebasin rb = r.rebasin();
        out.printf(Locale.ROOT, "1. Git Re-Basin: %s on %s (%d train, paths on %d train / %d test examples, %d points), %s%n",
                rb.model(), rb.data(), rb.trainExamples(), rb.trainEvaluated(), rb.testExamples(), rb.points(), rb.training());
        String[] names = {"naive", "weight matching", "activation matching"};
        for (int k = 0; k < names.length; k++) {
            out.printf(Locale.ROOT, "   %-20s test loss barrier %s, midpoint test accuracy %s%s%n", names[k],
                    rb.testLossBarrier().get(k).format(4), rb.midpointTestAccuracy().get(k).format(4),
                    k == 0 ? "" : ", barrier reduced by " + rb.barrierReduction().get(k - 1).format(3));
        }
        out.printf(Locale.ROOT, "   weight matching %s s over %d pairs%n", rb.matchingSeconds().format(3), rb.pairs().size());
        out.printf(Locale.ROOT, "2. Remove digits 0-4 (%s, %s); lambda: %s%n", r.removal().model(), r.removal().data(),
                r.removal().rule());
        out.printf(Locale.ROOT, "   %-32s %-16s %-16s %-16s %-16s%n", "model", "lambda", "removed acc", "kept acc",
                "agree w/ gold");
        for (AlgebraBenchmarkResult.EditSummary e : r.removal().summary()) {
            out.printf(Locale.ROOT, "   %-32s %-16s %-16s %-16s %-16s%n", e.edit(),
                    Double.isNaN(e.lambda().mean()) ? "-" : e.lambda().format(2), e.forgetAccuracy().format(4),
                    e.retainAccuracy().format(4), e.agreementWithGold().format(4));
        }
        for (AlgebraBenchmarkResult.RemovalSeed seed : r.removal().seeds()) {
            out.printf(Locale.ROOT, "   seed %d: edit %.3f s vs retraining %.2f s; %s%n", seed.seed(), seed.editSeconds(),
                    seed.retrainSeconds(), seed.verdict());
        }
        out.printf("   verdict: %s%n", r.removal().verdict());
        out.printf(Locale.ROOT, "3. Build from keys: cosine(tau_lo, tau_hi) %s%n", r.insertion().cosine().format(3));
        for (AlgebraBenchmarkResult.BuildSummary b : r.insertion().summary()) {
            out.printf(Locale.ROOT, "   %-32s accuracy %s (0-4 %s, 5-9 %s)%n", b.model(), b.accuracy().format(4),
                    b.lowAccuracy().format(4), b.highAccuracy().format(4));
        }
        out.printf(Locale.ROOT, "total %.0f s%n", r.wallSeconds());
    }
}
