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
import org.lethe.nn.Layer;
import org.lethe.store.StoredModel;
import org.lethe.tensor.NDArray;
import org.lethe.train.ClassificationTask;
import org.lethe.weights.EditStrength;
import org.lethe.weights.Ingredient;
import org.lethe.weights.TaskVector;
import org.lethe.weights.WeightSet;
import org.lethe.weights.WeightVersions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe algebra apply}: add or subtract a scaled task vector; the result is a new version. */
@Command(name = "apply",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Add (insert) or subtract (remove) lambda times a task vector. --lambda fixes it; "
                + "--lambda auto chooses on --data (validation examples) the strongest lambda in 0.05..3 that keeps "
                + "accuracy on --control-classes at least 95%% of the unedited model's (the task-arithmetic rule)."})
public final class ApplyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--vector", paramLabel = "DIR", required = true, description = "A task vector written by 'lethe algebra task-vector'.")
    private Path vector;

    @Option(names = "--op", paramLabel = "add|subtract", defaultValue = "subtract", description = "Insert or remove (default: ${DEFAULT-VALUE}).")
    private String op;

    @Option(names = "--lambda", paramLabel = "X|auto", defaultValue = "1", description = "Strength, or auto (default: ${DEFAULT-VALUE}).")
    private String lambda;

    @Option(names = "--data", paramLabel = "NAME|PATH", description = "Validation examples for --lambda auto.")
    private String data;

    @Option(names = "--control-classes", paramLabel = "C,...", split = ",", description = "Classes whose accuracy must be kept (--lambda auto).")
    private List<Integer> controlClasses;

    @Option(names = "--out", paramLabel = "DIR", description = "The new version (default: the next <name>-v<N>).")
    private Path out;

    @Mixin
    private JsonOption json;

    /** What {@code --json} prints. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String output, String op, double lambda, Double controlAccuracy, Double controlFloor,
                         Boolean meetsRule, String hash) {
    }

    @Override
    public Integer call() throws Exception {
        if (!op.equals("add") && !op.equals("subtract")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--op must be add or subtract, got '" + op + "'");
        }
        boolean auto = lambda.equals("auto");
        double fixed = Double.NaN;
        if (!auto) {
            try {
                fixed = Double.parseDouble(lambda);
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--lambda must be a number or auto, got '" + lambda + "'");
            }
        } else if (data == null || controlClasses == null || controlClasses.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lambda auto needs --data and --control-classes");
        }
        long start = System.nanoTime();
        WeightInputs.Loaded m = WeightInputs.load(model.path());
        Path run = StoredModel.openSingle(model.path()).requireRun().root();
        TaskVector tau = WeightInputs.usage(spec, () -> WeightVersions.readVector(vector, m.weights()));
        double sign = op.equals("add") ? 1 : -1;
        EditStrength chosen = null;
        if (auto) {
            Dataset examples = DatasetSource.loadDataset(data);
            InterpolateCommand.requireInputs(m, examples);
            int[] control = java.util.stream.IntStream.range(0, examples.size())
                    .filter(i -> controlClasses.contains(examples.label(i))).toArray();
            if (control.length == 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--data has no examples of --control-classes " + controlClasses);
            }
            Layer scratch = m.module();
            WeightSet original = m.weights();
            ClassificationTask task = new ClassificationTask(examples, StoredModel.openSingle(model.path()).openRun().modelSpec.inputShape(),
                    original.values().values().iterator().next().algebra());
            double originalAccuracy = accuracy(scratch, task, examples, control);
            chosen = EditStrength.choose(EditStrength.defaultGrid(), originalAccuracy, 0.95, x -> {
                tau.applyTo(original, sign * x).applyTo(scratch);
                return accuracy(scratch, task, examples, control);
            });
            fixed = chosen.lambda();
        }
        WeightSet edited = tau.applyTo(m.weights(), sign * fixed);
        Path target = WeightInputs.outputFor(out, model.path());
        WeightVersions.publish(run, edited, "apply", op,
                List.of(m.ingredient("model", 1.0), new Ingredient("vector", vector.toAbsolutePath().normalize().toString(),
                        tau.delta().hash(), sign * fixed)), Map.of("lambda", fixed), target, start);
        Report report = new Report(target.toAbsolutePath().normalize().toString(), op, fixed,
                chosen == null ? null : chosen.controlAccuracy(), chosen == null ? null : chosen.controlFloor(),
                chosen == null ? null : chosen.meetsRule(), edited.hash());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), report);
        } else {
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%s %.2f x task vector %s; wrote %s%s%n",
                    op.equals("add") ? "added" : "subtracted", fixed, vector, report.output(), chosen == null ? ""
                            : String.format(java.util.Locale.ROOT, " (control accuracy %.4f, floor %.4f%s)", chosen.controlAccuracy(),
                            chosen.controlFloor(), chosen.meetsRule() ? "" : "; no lambda met the rule"));
        }
        return 0;
    }

    private static double accuracy(Layer model, ClassificationTask task, Dataset data, int[] examples) {
        NDArray logits = task.logits(model, examples);
        int[] predicted = logits.argmax(1);
        int correct = 0;
        for (int i = 0; i < examples.length; i++) {
            correct += predicted[i] == data.label(examples[i]) ? 1 : 0;
        }
        return correct / (double) examples.length;
    }
}
