package org.lethe.app.cli.algebra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.weights.TaskVector;
import org.lethe.weights.WeightEditRecord;
import org.lethe.weights.WeightVersions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe algebra task-vector}: what training added to a model, {@code tau = model - base}. */
@Command(name = "task-vector",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Write the task vector tau = --model - base into a new directory (its weights and record). "
                + "The base is another model (--base) or the initialisation of a run (--base-init): a model trained "
                + "with a run's architecture and seed started from that run's initialisation."})
public final class TaskVectorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--base", paramLabel = "RUN|FILE", description = "The base model.")
    private Path base;

    @Option(names = "--base-init", paramLabel = "RUN", description = "Use this run's initialisation as the base.")
    private Path baseInit;

    @Option(names = "--name", paramLabel = "NAME", description = "What the vector holds (default: the model's name).")
    private String name;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The directory to write.")
    private Path out;

    @Mixin
    private JsonOption json;

    /** What {@code --json} prints. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String output, String name, double norm, Map<String, Double> normsByLayer, String hash) {
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        WeightInputs.Loaded trained = WeightInputs.load(model.path());
        WeightInputs.Loaded from = WeightInputs.base(spec, base, baseInit);
        String label = name != null ? name : model.path().getFileName().toString();
        TaskVector tau = WeightInputs.usage(spec, () -> TaskVector.between(label, from.weights(), trained.weights()));
        WeightEditRecord record = WeightVersions.publishVector(tau,
                List.of(trained.ingredient("model", 1.0), from.ingredient("base", -1.0)), out, start);
        Report report = new Report(record.output(), label, tau.delta().norm(), tau.delta().normsByLayer(), record.hashAfter());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), report);
        } else {
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "task vector '%s' (norm %.4f; by layer %s) written to %s%n",
                    label, report.norm(), report.normsByLayer(), report.output());
        }
        return 0;
    }
}
