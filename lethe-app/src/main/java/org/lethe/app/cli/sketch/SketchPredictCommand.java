package org.lethe.app.cli.sketch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.ForgetTarget;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.sketch.DeletionSketch;
import org.lethe.sketch.Measurement;
import org.lethe.sketch.MicroGptExperiment;
import org.lethe.sketch.SketchEstimator;
import org.lethe.sketch.SketchPrediction;
import org.lethe.sketch.SketchPredictionReport;
import org.lethe.sketch.SketchSource;
import org.lethe.sketch.TaylorSeries;
import org.lethe.sketch.TrainingRecipe;
import org.lethe.sketch.TrainingRunReplay;
import org.lethe.sketch.WeightedTraining;
import org.lethe.tensor.Parallel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe sketch predict}: a measurement of the model retrained without some examples, from a sketch. */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Predict a measurement of the model retrained without some examples.",
                "From a sketch: the mean of the directions' unbiased estimates with its standard error, and " +
                "the median of group means. --weight w < 1 predicts a partial deletion (the deleted " +
                "examples' losses scaled by 1 - w)."})
public final class SketchPredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--sketch", required = true, paramLabel = "DIR", description = "A sketch directory (lethe sketch build or reproduce).")
    private Path sketchDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ForgetTarget target;

    @Option(names = "--weight", split = ",", defaultValue = "1", paramLabel = "W",
            description = "Deletion weight(s) w in [0, 1], comma-separated (default: ${DEFAULT-VALUE}, full " +
                    "deletion).")
    private double[] weights;

    @Option(names = "--measure", paramLabel = "SPEC",
            description = {"Measurement(s) to predict (repeatable; default: those stored in the sketch): " +
                    "example:ID or text:STRING. Ones not stored are evaluated on the stored parameters."})
    private List<String> measures = new ArrayList<>();

    @Option(names = "--groups", paramLabel = "G", description = "Groups of the median of means (default: min(10, directions)).")
    private Integer groups;

    @Mixin
    private JsonOption json;

    @Mixin
    private org.lethe.app.cli.RunnerOption runner;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(sketchDir.resolve(DeletionSketch.INDEX_FILE))) {
            throw usage("--sketch: " + sketchDir + " is not a sketch directory (no " + DeletionSketch.INDEX_FILE + ")");
        }
        for (double w : weights) {
            if (!(w >= 0 && w <= 1)) {
                throw usage("--weight must be in [0, 1], got " + w);
            }
        }
        DeletionSketch sketch = DeletionSketch.open(sketchDir);
        int g = groups == null ? Math.min(10, sketch.directionCount()) : groups;
        if (g < 1 || g > sketch.directionCount()) {
            throw usage("--groups must be in [1, " + sketch.directionCount() + "], got " + g);
        }
        Source source = source(sketch);
        int[] deleted = source.deleted(target);
        List<String> names = measures.isEmpty() ? sketch.measurementNames() : measures;
        if (names.isEmpty()) {
            throw usage("the sketch stores no measurements: name one with --measure");
        }
        double[][] sums = sketch.conjugateSums(deleted);
        List<SketchPrediction> all = new ArrayList<>();
        boolean evaluates = !sketch.measurementNames().containsAll(names);
        if (evaluates && !runner.isLocal() && source.recipe() == null) {
            throw usage("--runner: the reference experiment's measurements are evaluated locally only");
        }
        // Opened only when a measurement is evaluated on the stored parameters.
        try (ClosableJobRunner jobs = evaluates ? runner.open(spec, Parallel.threads()) : null) {
            for (String name : names) {
                TaylorSeries[] coefficients;
                if (sketch.measurementNames().contains(name)) {
                    coefficients = sketch.coefficients(name);
                } else {
                    Measurement m;
                    try {
                        m = source.measurement(name);
                    } catch (IllegalArgumentException e) {
                        throw usage("--measure " + name + ": " + e.getMessage());
                    }
                    try (Progress p = Progress.start("evaluating " + name, sketch.directionCount())) {
                        coefficients = sketch.coefficients(m, source.training(), source.recipe(), jobs,
                                (done, total) -> p.step());
                    }
                }
                for (double w : weights) {
                    SketchPrediction p = SketchEstimator.predict(name, coefficients, sums, sketch.exampleCount(), w, g);
                    all.add(p);
                }
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json.enabled()) {
            List<SketchPredictionReport> predictions = new ArrayList<>();
            List<String> unresolved = new ArrayList<>();
            for (SketchPrediction p : all) {
                predictions.add(p.report());
                if (unresolved(p)) {
                    unresolved.add(p.measurement() + " at w=" + p.weight());
                }
            }
            JsonOutput.print(pw, new SketchPredictResult(sketchDir.toAbsolutePath().toString(), deleted.length,
                    sketch.directionCount(), sketch.order(), predictions, unresolved));
            return 0;
        }
        pw.printf("deleting %d of %d training examples; sketch of %d directions, order %d%n", deleted.length,
                sketch.exampleCount(), sketch.directionCount(), sketch.order());
        pw.printf("%-24s %6s %12s %12s %12s %14s%n", "measurement", "w", "now", "predicted", "std. error", "median of " + g);
        for (SketchPrediction p : all) {
            pw.printf("%-24s %6.3f %12.6f %12.6f %12.6f %14.6f%n", p.measurement(), p.weight(), p.estimate(0), p.estimate(),
                    p.standardError(), p.medianOfMeans());
        }
        for (SketchPrediction p : all) {
            if (unresolved(p)) {
                pw.printf("warning: %s at w=%.3f: the standard error (%.6f) exceeds the predicted change (%.6f); the "
                        + "sketch cannot tell this change from zero: build it with more --directions%n", p.measurement(),
                        p.weight(), p.standardError(), Math.abs(p.estimate() - p.estimate(0)));
            }
        }
        pw.flush();
        return 0;
    }

    // A prediction whose standard error exceeds the change it predicts cannot be told from "no change".
    private static boolean unresolved(SketchPrediction p) {
        return p.standardError() > Math.abs(p.estimate() - p.estimate(0));
    }

    /** What the sketch was built from: a training run, or the reference experiment. */
    private interface Source {
        int[] deleted(ForgetTarget target) throws IOException;

        Measurement measurement(String spec) throws IOException;

        WeightedTraining training() throws IOException;

        /** What other processes rebuild the training from (null: evaluated in this process only). */
        TrainingRecipe recipe();
    }

    private Source source(DeletionSketch sketch) throws IOException {
        String kind = sketch.source().kind();
        if (SketchSource.RUN.equals(kind) && sketch.source().run() != null) {
            TrainingRunReplay replay = TrainingRunReplay.open(Path.of(sketch.source().run()));
            if (replay.exampleCount() != sketch.exampleCount()) {
                throw new IOException(sketchDir + ": the run now has " + replay.exampleCount()
                        + " training examples, the sketch was built over " + sketch.exampleCount());
            }
            return new Source() {
                @Override
                public int[] deleted(ForgetTarget t) throws IOException {
                    if (t.subjects() != null) {
                        List<Integer> out = new ArrayList<>();
                        for (String s : t.subjects()) {
                            for (int i : replay.indicesOfSubject(s)) {
                                out.add(i);
                            }
                        }
                        return out.stream().mapToInt(Integer::intValue).distinct().toArray();
                    }
                    return replay.indicesOf(t.ids());
                }

                @Override
                public Measurement measurement(String spec) {
                    return replay.measurement(spec);
                }

                @Override
                public WeightedTraining training() {
                    return replay;
                }

                @Override
                public TrainingRecipe recipe() {
                    return replay.recipe();
                }
            };
        }
        if (SketchSource.MICRO_GPT.equals(kind)) {
            MicroGptExperiment e = MicroGptExperiment.names();
            return new Source() {
                @Override
                public int[] deleted(ForgetTarget t) throws IOException {
                    if (t.subjects() != null) {
                        throw usage("the reference experiment has no subjects: list training positions with --ids");
                    }
                    List<String> lines = t.ids();
                    int[] out = new int[lines.size()];
                    for (int i = 0; i < out.length; i++) {
                        try {
                            out[i] = Integer.parseInt(lines.get(i));
                        } catch (NumberFormatException notANumber) {
                            throw new IOException("--ids: '" + lines.get(i)
                                    + "' is not a training position (0 to " + (e.exampleCount() - 1) + ")");
                        }
                    }
                    return out;
                }

                @Override
                public Measurement measurement(String spec) {
                    return e.measurement(spec);
                }

                @Override
                public WeightedTraining training() {
                    return e;
                }

                @Override
                public TrainingRecipe recipe() {
                    return null;
                }
            };
        }
        throw new IOException(sketchDir + ": unknown sketch source '" + kind + "'");
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
