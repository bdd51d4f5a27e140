package org.lethe.app.cli.sketch;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.ThreadsOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.sketch.DeletionSketch;
import org.lethe.sketch.Measurement;
import org.lethe.sketch.TrainingRunReplay;
import org.lethe.store.StoredModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code lethe sketch build}: a deletion sketch of a run made by {@code lethe train}. */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Build a deletion sketch of a training run.",
                "The run (MLP/CNN classifier or character GPT) is replayed once per random complex " +
                "direction in truncated-Taylor arithmetic of order K, and each direction's trained " +
                "parameters are stored, so that 'lethe sketch predict' can estimate any measurement of the " +
                "model retrained without any set of examples."})
public final class SketchBuildCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A run directory made by lethe train.")
    private Path model;

    @Option(names = "--directions", defaultValue = "100", paramLabel = "M",
            description = "Random directions m (default: ${DEFAULT-VALUE}); the error shrinks like 1/sqrt(m).")
    private int directions;

    @Option(names = "--order", defaultValue = "3", paramLabel = "K", description = "Taylor order k (default: ${DEFAULT-VALUE}).")
    private int order;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the directions (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the sketch to (must not hold one).")
    private Path out;

    @Option(names = "--measure", paramLabel = "SPEC",
            description = {"A measurement to evaluate while building and keep in the index (repeatable): " +
                    "example:ID (loss on an example of the data) or text:STRING (a GPT's loss on a string)."})
    private List<String> measures = new ArrayList<>();

    @Option(names = "--no-parameters", description = "Keep only the measurements' coefficients, not the per-direction parameters.")
    private boolean noParameters;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private JsonOption json;

    @Mixin
    private org.lethe.app.cli.RunnerOption runner;

    @Override
    public Integer call() throws Exception {
        if (directions < 1) {
            throw usage("--directions must be at least 1, got " + directions);
        }
        if (order < 1 || order > 64) {
            throw usage("--order must be in [1, 64], got " + order);
        }
        if (noParameters && measures.isEmpty()) {
            throw usage("--no-parameters keeps nothing to predict from: name at least one --measure");
        }
        Path runDir = StoredModel.openSingle(model).requireRun().root();
        TrainingRunReplay replay = TrainingRunReplay.open(runDir);
        List<Measurement> ms = new ArrayList<>();
        for (String m : measures) {
            try {
                ms.add(replay.measurement(m));
            } catch (IllegalArgumentException e) {
                throw usage("--measure " + m + ": " + e.getMessage());
            }
        }
        DeletionSketch.Builder builder = DeletionSketch.builder(replay).directions(directions).order(order).seed(seed)
                .output(out).keepParameters(!noParameters).source(replay.description())
                .threads(threads.threads());
        for (Measurement m : ms) {
            builder.measure(m);
        }
        DeletionSketch sketch;
        try (org.lethe.exec.ClosableJobRunner jobs = runner.open(spec, threads.threads());
             Progress p = Progress.start("sketch", directions)) {
            sketch = builder.recipe(replay.recipe()).runner(jobs).listener((done, total) -> p.step()).build();
        }
        long bytes = sizeOf(out);
        PrintWriter pw = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(pw, new SketchBuildResult(out.toAbsolutePath().toString(),
                    runDir.toAbsolutePath().toString(), sketch.exampleCount(), sketch.directionCount(),
                    sketch.order(), sketch.seed(), sketch.measurementNames(), sketch.hasParameters(),
                    sketch.buildSeconds(), bytes));
        } else {
            pw.printf("sketch of %s: %d directions of order %d over %d training examples, built in %.1f s%n", runDir,
                    sketch.directionCount(), sketch.order(), sketch.exampleCount(), sketch.buildSeconds());
            pw.printf("written to %s (%s bytes%s)%n", out, String.format("%,d", bytes),
                    sketch.hasParameters() ? ", with per-direction parameters" : ", coefficients only");
            pw.flush();
        }
        return 0;
    }

    static long sizeOf(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
