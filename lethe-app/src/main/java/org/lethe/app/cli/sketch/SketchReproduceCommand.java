package org.lethe.app.cli.sketch;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.ThreadsOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.sketch.SketchPlots;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;
import org.lethe.sketch.MicroGptExperiment;
import org.lethe.sketch.MicroGptReport;
import org.lethe.sketch.MicroGptReproduction;
import org.lethe.sketch.SketchPrediction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe sketch reproduce}: the reference microgpt deletion experiment, with a table and plots. */
@Command(name = "reproduce",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Reproduce the reference microgpt deletion experiment.",
                "Gunn (2026), microgpt on the bundled names: the loss on 'max' after deleting the 18 " +
                "training names with an 'x' with weight w = 0, 0.1, ..., 1, by retraining, by the " +
                "exact-direction Taylor series and by a sketch of random directions. Writes a table, " +
                "results.json, the sketch and PNG plots (loss-vs-weight.png, sketch-by-degree.png, " +
                "exact-partial-sum-errors.png) to --out."})
public final class SketchReproduceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--sketches", defaultValue = "500", paramLabel = "M",
            description = "Sketch directions m (default: ${DEFAULT-VALUE}, as published).")
    private int directions;

    @Option(names = "--order", defaultValue = "3", paramLabel = "K", description = "Sketch order k (default: ${DEFAULT-VALUE}).")
    private int order;

    @Option(names = "--exact-order", defaultValue = "6", paramLabel = "K",
            description = "Order of the exact-direction series (default: ${DEFAULT-VALUE}).")
    private int exactOrder;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sketch's directions (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--groups", defaultValue = "10", paramLabel = "G",
            description = "Groups of the median of means (default: ${DEFAULT-VALUE}).")
    private int groups;

    @Option(names = "--out", defaultValue = "sketch-reproduce", paramLabel = "DIR",
            description = "Directory for the plots, results.json and the sketch (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--no-parameters", description = "Store the sketch's coefficients only, not its per-direction parameters.")
    private boolean noParameters;

    @Mixin
    private JsonFileOption json;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private org.lethe.app.cli.RunnerOption runner;

    @Override
    public Integer call() throws Exception {
        if (directions < 1) {
            throw usage("--sketches must be at least 1, got " + directions);
        }
        if (order < 1 || order > 64 || exactOrder < 1 || exactOrder > 64) {
            throw usage("--order and --exact-order must be in [1, 64], got " + order + " and " + exactOrder);
        }
        if (groups < 1) {
            throw usage("--groups must be at least 1, got " + groups);
        }
        Path sketchDir = out.resolve("sketch");
        if (Files.exists(sketchDir)) {
            throw usage("--out: " + out + " already holds a sketch; choose another directory or remove it");
        }
        Path jsonFile = json.file();
        MicroGptExperiment experiment = MicroGptExperiment.names();
        MicroGptReproduction.Settings s = new MicroGptReproduction.Settings();
        s.directions = directions;
        s.order = order;
        s.exactOrder = exactOrder;
        s.seed = seed;
        s.groups = groups;
        s.threads = threads.threads();
        s.sketchDirectory = sketchDir;
        s.keepParameters = !noParameters;
        MicroGptReproduction.Result r;
        try (org.lethe.exec.ClosableJobRunner jobs = runner.open(spec, s.threads)) {
            // The local runner stays the reproduction's own threads; another one takes the retrainings and directions.
            s.runner = runner.isLocal() ? null : jobs;
            r = MicroGptReproduction.run(experiment, s, progress());
        }
        Files.createDirectories(out);
        List<Path> plots = SketchPlots.write(r, out);
        MicroGptReport doc = r.report(plots.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                sketchDir.toAbsolutePath().toString());
        JsonFiles.write(out.resolve("results.json"), doc);
        if (jsonFile != null) {
            AtomicFiles.write(jsonFile, (JsonFiles.line(doc) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (json.stdout()) {
            JsonOutput.print(spec.commandLine().getOut(), doc);
        } else {
            print(spec.commandLine().getOut(), r, plots);
        }
        return 0;
    }

    /** A progress bar per phase, drawn only on a terminal. */
    private static MicroGptReproduction.Listener progress() {
        AtomicReference<Progress> bar = new AtomicReference<>();
        return new MicroGptReproduction.Listener() {
            @Override
            public void started(String phase, long total) {
                bar.set(Progress.start(phase, total));
            }

            @Override
            public void advanced(long units) {
                Progress p = bar.get();
                if (p != null) {
                    p.stepBy(units);
                }
            }

            @Override
            public void finished() {
                Progress p = bar.getAndSet(null);
                if (p != null) {
                    p.close();
                }
            }
        };
    }

    static void print(PrintWriter pw, MicroGptReproduction.Result r, List<Path> plots) {
        int k = r.sketch[0].order();
        int x = r.exact.order();
        pw.printf("D: %d training names with an 'x' at positions %s%n", r.deleted.length,
                java.util.Arrays.toString(r.deleted));
        pw.printf("measurement: loss on 'max'; sketch: %d directions of degree %d (seed %d); exact direction: degree %d%n",
                r.directions, k, r.seed, x);
        StringBuilder head = new StringBuilder(String.format("%5s %10s", "w", "retrained"));
        for (int d = 1; d <= x; d++) {
            head.append(String.format(" %10s", "exact d" + d));
        }
        head.append(String.format(" %10s %9s %10s %10s", "sketch", "+- s.e.", "median", "error"));
        pw.println(head);
        for (int i = 0; i < r.weights.length; i++) {
            double w = r.weights[i];
            StringBuilder row = new StringBuilder(String.format("%5.2f %10.6f", w, r.retrained[i]));
            for (int d = 1; d <= x; d++) {
                row.append(String.format(" %10.6f", r.exact.partialSum(d, w)));
            }
            SketchPrediction p = r.sketch[i];
            row.append(String.format(" %10.6f %9.6f %10.6f %+10.6f", p.estimate(), p.standardError(), p.medianOfMeans(),
                    p.estimate() - r.retrained[i]));
            pw.println(row);
        }
        int last = r.weights.length - 1;
        StringBuilder errors = new StringBuilder("exact-direction partial-sum errors at w = " + r.weights[last] + ":");
        for (int d = 1; d <= x; d++) {
            errors.append(String.format(" d%d %.2e", d, Math.abs(r.exact.partialSum(d, r.weights[last]) - r.retrained[last])));
        }
        pw.println(errors);
        StringBuilder byDegree = new StringBuilder("sketch by degree at w = " + r.weights[last] + ":");
        for (int d = 1; d <= k; d++) {
            byDegree.append(String.format(" d%d %.4f +- %.4f", d, r.sketch[last].estimate(d), r.sketch[last].standardError(d)));
        }
        pw.println(byDegree);
        pw.printf("times: real run %.3f s (fastest %.3f s), exact degree-%d run %.2f s, mean degree-%d direction %.2f s "
                        + "(%d threads), sketch %.1f s, total %.1f s%n",
                r.retrainSeconds[0], java.util.Arrays.stream(r.retrainSeconds).min().orElse(0), x, r.exactSeconds, k,
                r.meanDirectionSeconds(), r.threads, r.sketchSeconds, r.totalSeconds);
        for (Path p : plots) {
            pw.println("plot: " + p);
        }
        pw.flush();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
