package org.lethe.app.cli.algebra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.data.Dataset;
import org.lethe.data.DatasetSource;
import org.lethe.store.StoredModel;
import org.lethe.weights.DiagonalFisher;
import org.lethe.weights.Ingredient;
import org.lethe.weights.Merges;
import org.lethe.weights.WeightSet;
import org.lethe.weights.WeightVersions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe algebra merge}: several models of one architecture into one. */
@Command(name = "merge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Merge models: average (weighted by --weights), fisher (weighted by each model's diagonal "
                + "Fisher on --data), ties or dare (on the task vectors from --base or --base-init, added back to the "
                + "base at --lambda). The result is a new version of the first model's run."})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "RUN|FILE", required = true, description = "A model to merge (repeat, at least two).")
    private List<Path> models;

    @Option(names = "--method", paramLabel = "average|fisher|ties|dare", defaultValue = "average",
            description = "How (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--weights", paramLabel = "C,...", split = ",", description = "Averaging coefficients (default: equal).")
    private List<Double> weights;

    @Option(names = "--data", paramLabel = "NAME|PATH", description = "Examples for the Fisher (fisher).")
    private String data;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "1000", description = "Examples the Fisher reads (default: ${DEFAULT-VALUE}).")
    private int examples;

    @Option(names = "--base", paramLabel = "RUN|FILE", description = "Base of the task vectors (ties, dare).")
    private Path base;

    @Option(names = "--base-init", paramLabel = "RUN", description = "Use this run's initialisation as the base (ties, dare).")
    private Path baseInit;

    @Option(names = "--lambda", paramLabel = "X", defaultValue = "1", description = "Scale of the merged vector (ties, dare; default: ${DEFAULT-VALUE}).")
    private double lambda;

    @Option(names = "--density", paramLabel = "D", defaultValue = "0.2", description = "Fraction kept by TIES (default: ${DEFAULT-VALUE}).")
    private double density;

    @Option(names = "--drop", paramLabel = "P", defaultValue = "0.9", description = "Drop rate of DARE (default: ${DEFAULT-VALUE}).")
    private double drop;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of DARE's drops (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "The new version (default: the next <name>-v<N> of the first model).")
    private Path out;

    @picocli.CommandLine.Mixin
    private JsonOption json;

    /** What {@code --json} prints. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String output, String method, List<Ingredient> ingredients, Map<String, Double> settings,
                         String hash) {
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("average", "fisher", "ties", "dare").contains(method)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method must be average, fisher, ties or dare, got '" + method + "'");
        }
        if (models.size() < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "merge needs at least two --model");
        }
        if (method.equals("fisher") && data == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method fisher needs --data");
        }
        if (weights != null && weights.size() != models.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), weights.size() + " --weights for " + models.size() + " models");
        }
        long start = System.nanoTime();
        List<WeightInputs.Loaded> loaded = new ArrayList<>();
        for (Path p : models) {
            loaded.add(WeightInputs.load(p));
        }
        Path run = StoredModel.openSingle(models.get(0)).requireRun().root();
        List<WeightSet> sets = loaded.stream().map(WeightInputs.Loaded::weights).toList();
        List<Ingredient> ingredients = new ArrayList<>();
        Map<String, Double> settings = new LinkedHashMap<>();
        WeightSet merged;
        switch (method) {
            case "average" -> {
                double[] c = new double[sets.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = weights == null ? 1.0 / c.length : weights.get(i);
                    ingredients.add(loaded.get(i).ingredient("model", c[i]));
                }
                merged = WeightInputs.usage(spec, () -> Merges.average(sets, c));
            }
            case "fisher" -> {
                Dataset d = DatasetSource.loadDataset(data);
                int[] idx = java.util.stream.IntStream.range(0, Math.min(examples, d.size())).toArray();
                List<WeightSet> fishers = new ArrayList<>();
                for (WeightInputs.Loaded l : loaded) {
                    InterpolateCommand.requireInputs(l, d);
                    fishers.add(WeightInputs.usage(spec, () -> DiagonalFisher.estimate(l.module(), d, idx, 100)));
                    ingredients.add(l.ingredient("model", null));
                }
                settings.put("fisher_examples", (double) idx.length);
                merged = WeightInputs.usage(spec, () -> Merges.fisher(sets, fishers, 1e-8));
            }
            default -> {
                WeightInputs.Loaded b = WeightInputs.base(spec, base, baseInit);
                ingredients.add(b.ingredient("base", 1.0));
                List<WeightSet> vectors = new ArrayList<>();
                for (WeightInputs.Loaded l : loaded) {
                    vectors.add(WeightInputs.usage(spec, () -> l.weights().subtract(b.weights())));
                    ingredients.add(l.ingredient("model", lambda));
                }
                settings.put("lambda", lambda);
                if (method.equals("ties")) {
                    settings.put("density", density);
                } else {
                    settings.put("drop_rate", drop);
                    settings.put("seed", (double) seed);
                }
                WeightSet vector = WeightInputs.usage(spec, () -> method.equals("ties") ? Merges.ties(vectors, density)
                        : Merges.dare(vectors, drop, seed));
                merged = b.weights().plusScaled(lambda, vector);
            }
        }
        Path target = WeightInputs.outputFor(out, models.get(0));
        WeightVersions.publish(run, merged, "merge", method, ingredients, settings, target, start);
        Report report = new Report(target.toAbsolutePath().normalize().toString(), method, ingredients, settings, merged.hash());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), report);
        } else {
            spec.commandLine().getOut().printf("merged %d models (%s); wrote %s%n", models.size(), method, report.output());
        }
        return 0;
    }
}
