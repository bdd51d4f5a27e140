package org.lethe.app.cli.algebra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.data.Dataset;
import org.lethe.data.DatasetSource;
import org.lethe.store.StoredModel;
import org.lethe.weights.ActivationMatching;
import org.lethe.weights.Alignment;
import org.lethe.weights.PermutationSpec;
import org.lethe.weights.WeightMatching;
import org.lethe.weights.WeightVersions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe algebra align}: permute A's hidden units to match B; the same function, written as a new version. */
@Command(name = "align",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Permute the hidden units of --model (A) to match --to (B), by weight matching (coordinate "
                + "descent over layers, exact linear assignment per layer) or activation matching on --data. The "
                + "result computes exactly what A computes; it is written as a new version of A with its record."})
public final class AlignCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--to", paramLabel = "RUN|FILE", required = true, description = "The model to align to (B).")
    private Path to;

    @Option(names = "--method", paramLabel = "weights|activations", defaultValue = "weights",
            description = "Matching method (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--data", paramLabel = "NAME|PATH", description = "Examples for activation matching.")
    private String data;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "2000",
            description = "Examples activation matching reads (default: ${DEFAULT-VALUE}).")
    private int examples;

    @Option(names = "--restarts", paramLabel = "R", defaultValue = "0",
            description = "Extra weight-matching starts from random permutations (default: ${DEFAULT-VALUE}).")
    private int restarts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the layer order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "The new version (default: the next <name>-v<N> beside A).")
    private Path out;

    @Mixin
    private JsonOption json;

    /** What {@code --json} prints. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String output, String method, int sweeps, int restarts, double objective, double seconds,
                         List<Integer> unitsMoved, String hash) {
    }

    @Override
    public Integer call() throws Exception {
        if (!method.equals("weights") && !method.equals("activations")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method must be weights or activations, got '" + method + "'");
        }
        if (method.equals("activations") && data == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method activations needs --data");
        }
        if (examples < 2 || restarts < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--examples must be at least 2 and --restarts at least 0");
        }
        long start = System.nanoTime();
        WeightInputs.Loaded a = WeightInputs.load(model.path());
        WeightInputs.Loaded b = WeightInputs.load(to);
        Path run = StoredModel.openSingle(model.path()).requireRun().root();
        Dataset examplesData = data == null ? null : DatasetSource.loadDataset(data);
        Alignment alignment = WeightInputs.usage(spec, () -> {
            PermutationSpec perms = PermutationSpec.of(a.module());
            if (method.equals("weights")) {
                return WeightMatching.align(perms, a.weights(), b.weights(), restarts, seed);
            }
            int n = Math.min(examples, examplesData.size());
            return ActivationMatching.align(perms, a.module(), b.module(), examplesData,
                    java.util.stream.IntStream.range(0, n).toArray(), StoredModel.openSingle(model.path()).openRun().modelSpec.inputShape());
        });
        Path target = WeightInputs.outputFor(out, model.path());
        WeightVersions.publish(run, alignment.aligned(), "align", method,
                List.of(a.ingredient("model", 1.0), b.ingredient("to", null)),
                Map.of("seed", (double) seed, "restarts", (double) restarts, "sweeps", (double) alignment.sweeps(),
                        "objective", alignment.objective()), target, start);
        Report report = new Report(target.toAbsolutePath().normalize().toString(), method, alignment.sweeps(),
                alignment.restarts(), alignment.objective(), alignment.seconds(), alignment.unitsMoved(),
                alignment.aligned().hash());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), report);
        } else {
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "aligned %s to %s by %s matching in %.3f s "
                            + "(%d sweeps); units moved per layer %s; wrote %s%n", model.path(), to, method,
                    alignment.seconds(), alignment.sweeps(), alignment.unitsMoved(), report.output());
        }
        return 0;
    }
}
