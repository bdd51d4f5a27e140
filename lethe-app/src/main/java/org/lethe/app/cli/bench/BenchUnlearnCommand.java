package org.lethe.app.cli.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lethe.app.bench.DeletionBenchmark;
import org.lethe.app.bench.UnlearnBenchmark;
import org.lethe.app.bench.UnlearnBenchmarkResult;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.ThreadsOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.audit.LeaderboardResult;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;
import org.lethe.unlearn.DeletionMethods;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe bench unlearn}: the leaderboard of approximate deletion methods against retraining. */
@Command(name = "unlearn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Leaderboard of approximate unlearning methods: for each method N unlearning runs (each from "
                + "its own original, other seeds) against N models retrained without the forget set; NeurIPS 2023 "
                + "forget quality F and final score, F0 (what indistinguishable models score at this N), U-LiRA "
                + "and loss-attack AUC, accuracies, and mean wall time as a fraction of one retraining measured in "
                + "the same run. Settings: memorising (default; MLP on 1,000 digits trained long, 2%% forgotten, "
                + "N = 32) and subjects (CNN on Fashion-MNIST, 15 subjects forgotten, N = 16). Trained models are "
                + "cached (--cache) and shared with lethe audit. See docs/benchmarks.md."})
public final class BenchUnlearnCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonFileOption json;

    @Mixin
    private ThreadsOption threads;

    @Option(names = "--methods", paramLabel = "M[,M...]", split = ",",
            description = "Methods to score (default: every approximate method; see lethe forget --list-methods).")
    private List<String> methods = new ArrayList<>();

    @Option(names = "--param", paramLabel = "METHOD.NAME=VALUE",
            description = "A setting of one scored method, e.g. --param kde.distil_fraction=0.2 (repeatable; see "
                    + "lethe forget --list-methods). Unset ones keep their defaults.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--models", paramLabel = "N", description = "Unlearning runs per method and retrained references "
            + "(default: 32 for memorising, 16 for subjects).")
    private Integer models;

    @Option(names = "--setting", paramLabel = "S", defaultValue = "memorising",
            description = "memorising or subjects (default: ${DEFAULT-VALUE}).")
    private String setting;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--export-confidences", paramLabel = "DIR",
            description = "Write METHOD-unlearned.csv and METHOD-retrained.csv per method (rows models, columns "
                    + "forget examples; the input of lethe audit score).")
    private Path exportDir;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML leaderboard page into DIR.")
    private Path reportDir;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Model cache (default: lethe-audit-cache in the user's cache directory).")
    private Path cache;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch directory (default: a temporary one, removed).")
    private Path work;

    @Override
    public Integer call() throws Exception {
        UnlearnBenchmark.Settings s = new UnlearnBenchmark.Settings();
        try {
            s.setting = UnlearnBenchmark.Setting.valueOf(setting.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--setting must be memorising or subjects, got '"
                    + setting + "'");
        }
        if (models != null && models < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--models must be at least 2, got " + models);
        }
        for (String m : methods) {
            if (DeletionMethods.find(m.strip()).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown method '" + m + "' (known: "
                        + String.join(", ", DeletionMethods.names()) + ")");
            }
            s.methods.add(m.strip());
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot <= 0 || dot == e.getKey().length() - 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--param takes METHOD.NAME=VALUE, got '"
                        + e.getKey() + "=" + e.getValue() + "'");
            }
            s.parameters.computeIfAbsent(e.getKey().substring(0, dot), k -> new LinkedHashMap<>())
                    .put(e.getKey().substring(dot + 1), e.getValue());
        }
        s.models = models == null ? 0 : models;
        s.seed = seed;
        s.threads = threads.threads();
        s.cache = cache != null ? cache : defaultCache();
        Path jsonFile = json.file();
        PrintWriter out = json.stdout() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        boolean temporary = work == null;
        s.work = temporary ? Files.createTempDirectory("lethe-bench-unlearn") : work;
        boolean terminal = Progress.stdoutIsTerminal();
        UnlearnBenchmarkResult r;
        try {
            r = UnlearnBenchmark.run(s, line -> {
                if (terminal || !json.stdout()) {
                    System.err.println("  " + line);
                }
            });
        } finally {
            if (temporary) {
                DeletionBenchmark.cleanUp(s.work);
            }
        }
        print(out, r);
        if (exportDir != null) {
            UnlearnBenchmark.exportConfidences(r.outcome(), exportDir);
            out.printf("confidences written to %s%n", exportDir);
        }
        if (reportDir != null) {
            Path page = org.lethe.app.report.LeaderboardReport.write(r, reportDir);
            out.printf("report: %s%n", page);
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

    /** The cache shared by leaderboard runs and audits of these settings: under XDG_CACHE_HOME or ~/.cache. */
    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lethe").resolve("lethe-audit-cache");
    }

    private static void print(PrintWriter out, UnlearnBenchmarkResult r) {
        LeaderboardResult l = r.leaderboard();
        out.printf("setting %s: %s, %s, %s; forget %s%n", r.setting(), r.data(), r.model(), r.training(), r.forget());
        out.printf(Locale.ROOT, "N = %d; F0 = %.4f +- %.4f (Gaussian)%s; one retraining %.2f s%n", l.models(), l.f0(),
                l.f0Std(), l.f0Permutation() == null ? "" : String.format(Locale.ROOT, ", %.4f +- %.4f (permutation)",
                        l.f0Permutation(), l.f0PermutationStd()), l.retrainSeconds());
        out.printf("%-22s %7s %7s %7s %7s %7s %7s %7s %7s %7s %8s%n", "method", "F", "final", "/F0", "retain", "test",
                "U-LiRA", "MIA", "forget", "capped", "time");
        for (LeaderboardResult.Row row : UnlearnBenchmark.ranked(l)) {
            if (row.error() != null) {
                out.printf("%-22s failed: %s%n", row.method(), row.error());
                continue;
            }
            out.printf(Locale.ROOT, "%-22s %7.4f %7.4f %7.3f %7.4f %7.4f %7.3f %7.3f %7.3f %7d %8.4f%n",
                    row.method() + (row.reference() ? " *" : ""), row.forgetQuality(), row.finalScore(),
                    row.finalOverF0(), row.retainAccuracyRatio(), row.testAccuracyRatio(), row.uLiraAuc(),
                    row.lossAttackAuc(), row.forgetAccuracy(), row.examplesAtCap(), row.timeFraction());
        }
        out.printf(Locale.ROOT, "* reference rows. retain, test: accuracy ratios to the retrained references; MIA: "
                + "loss-attack AUC (%.3f on the references); forget: forget-set accuracy; capped: forget examples "
                + "at epsilon 50; time: mean wall time over one retraining. Total %.0f s%n", l.retrainedLossAttackAuc(),
                l.wallSeconds());
    }
}
