package org.lethe.app.cli.algebra;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.data.Dataset;
import org.lethe.data.DatasetSource;
import org.lethe.store.StoredModel;
import org.lethe.weights.ActivationMatching;
import org.lethe.weights.InterpolationPath;
import org.lethe.weights.PermutationSpec;
import org.lethe.weights.WeightMatching;
import org.lethe.weights.WeightSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe algebra interpolate}: loss and accuracy along the path from A to B, and the barriers. */
@Command(name = "interpolate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Loss and accuracy of (1 - t) A + t B on --data at evenly spaced t, optionally after aligning "
                + "A to B, and the loss and accuracy barriers (the largest excursion from the straight line between "
                + "the end points)."})
public final class InterpolateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--to", paramLabel = "RUN|FILE", required = true, description = "The other end (B).")
    private Path to;

    @Option(names = "--align", paramLabel = "weights|activations|none", defaultValue = "none",
            description = "Align A to B first (default: ${DEFAULT-VALUE}).")
    private String align;

    @Option(names = "--points", paramLabel = "N", defaultValue = "25", description = "Points on the path (default: ${DEFAULT-VALUE}).")
    private int points;

    @Option(names = "--data", paramLabel = "NAME|PATH", required = true, description = "The examples to evaluate on.")
    private String data;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of weight matching (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private JsonOption json;

    /** What {@code --json} prints. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String alignment, int examples, InterpolationPath path) {
    }

    @Override
    public Integer call() throws Exception {
        if (!java.util.List.of("weights", "activations", "none").contains(align)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--align must be weights, activations or none, got '" + align + "'");
        }
        if (points < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--points must be at least 2, got " + points);
        }
        WeightInputs.Loaded a = WeightInputs.load(model.path());
        WeightInputs.Loaded b = WeightInputs.load(to);
        Dataset examples = DatasetSource.loadDataset(data);
        StoredModel stored = StoredModel.openSingle(model.path());
        int[] inputShape = stored.runDirectory() == null ? null : stored.openRun().modelSpec.inputShape();
        InterpolationPath path = WeightInputs.usage(spec, () -> {
            WeightSet start = a.weights();
            PermutationSpec perms = align.equals("none") ? null : PermutationSpec.of(a.module());
            if (align.equals("weights")) {
                start = WeightMatching.align(perms, a.weights(), b.weights(), 0, seed).aligned();
            } else if (align.equals("activations")) {
                int n = Math.min(2000, examples.size());
                start = ActivationMatching.align(perms, a.module(), b.module(), examples,
                        java.util.stream.IntStream.range(0, n).toArray(), inputShape).aligned();
            }
            requireInputs(a, examples);
            return InterpolationPath.measure(start, b.weights(), points, a.module(), examples, inputShape,
                    a.weights().values().values().iterator().next().algebra());
        });
        Report report = new Report(align, examples.size(), path);
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), report);
        } else {
            var out = spec.commandLine().getOut();
            out.printf("%8s %10s %10s%n", "t", "loss", "accuracy");
            for (int i = 0; i < path.t().size(); i++) {
                out.printf(java.util.Locale.ROOT, "%8.4f %10.4f %10.4f%n", path.t().get(i), path.loss().get(i), path.accuracy().get(i));
            }
            out.printf(java.util.Locale.ROOT, "loss barrier %.4f, accuracy barrier %.4f (alignment: %s, %d examples)%n",
                    path.lossBarrier(), path.accuracyBarrier(), align, examples.size());
        }
        return 0;
    }

    // A data set whose examples have another width than the model's inputs is a usage mistake, said in one line.
    static void requireInputs(WeightInputs.Loaded model, Dataset examples) {
        String first = model.weights().names().get(0);
        int[] shape = model.weights().get(first).shape();
        int inputs = shape.length == 2 ? shape[1] : -1;
        if (inputs > 0 && inputs != examples.featureCount()) {
            throw new IllegalArgumentException("mismatched shapes: the model reads " + inputs + " features, the data has "
                    + examples.featureCount());
        }
    }
}
