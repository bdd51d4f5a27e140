package org.lethe.app.cli.algebra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.weights.DictionaryManifest;
import org.lethe.weights.Ingredient;
import org.lethe.weights.ModelDictionary;
import org.lethe.weights.WeightSet;
import org.lethe.weights.WeightVersions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe algebra keys}: a model dictionary (a base initialisation plus named task-vector keys). */
@Command(name = "keys",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"A model dictionary: the initialisation of a run plus named keys, each the task vector of a "
                + "model trained from that initialisation on its own data. Create, list (the default), insert, "
                + "remove, scale, undo the last edit exactly, or build the composed model as a new version."})
public final class KeysCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dict", paramLabel = "DIR", required = true, description = "The dictionary directory.")
    private Path dict;

    @ArgGroup(exclusive = true)
    private Action action;

    static final class Action {
        @Option(names = "--create-from", paramLabel = "RUN", description = "Create the dictionary with this run's initialisation as its base.")
        Path createFrom;
        @Option(names = "--insert", paramLabel = "NAME", description = "Insert a key (with --from).")
        String insert;
        @Option(names = "--remove", paramLabel = "NAME", description = "Remove a key.")
        String remove;
        @Option(names = "--scale", paramLabel = "NAME=C", description = "Set a key's coefficient.")
        String scale;
        @Option(names = "--undo", description = "Undo the last edit.")
        boolean undo;
        @Option(names = "--build", paramLabel = "DIR", description = "Write the composed model as a new version.")
        Path build;
    }

    @Option(names = "--from", paramLabel = "RUN", description = "The trained run whose task vector becomes the key (--insert).")
    private Path from;

    @Option(names = "--coefficient", paramLabel = "C", defaultValue = "1", description = "The inserted key's coefficient (default: ${DEFAULT-VALUE}).")
    private double coefficient;

    @picocli.CommandLine.Mixin
    private JsonOption json;

    /** What {@code --json} prints: the dictionary after the command. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String dictionary, String done, DictionaryManifest manifest) {
    }

    @Override
    public Integer call() throws Exception {
        String done = "listed";
        ModelDictionary d;
        if (action != null && action.createFrom != null) {
            d = ModelDictionary.create(dict, WeightVersions.runOf(action.createFrom));
            done = "created from the initialisation of " + action.createFrom;
        } else {
            d = ModelDictionary.open(dict);
            if (action != null) {
                done = edit(d);
            }
        }
        if (action == null || action.insert == null) {
            if (from != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from goes with --insert");
            }
        }
        Report report = new Report(dict.toAbsolutePath().normalize().toString(), done, d.manifest());
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), report);
        } else {
            var out = spec.commandLine().getOut();
            out.printf("%s: %s%n", dict, done);
            out.printf("base: initialisation of %s%n", d.manifest().baseRun());
            for (DictionaryManifest.Key k : d.manifest().keys()) {
                out.printf(java.util.Locale.ROOT, "  %-20s %s coefficient %.3f  (from %s)%n", k.name(),
                        k.active() ? "active " : "removed", k.coefficient(), k.source());
            }
            out.printf("%d edits in the history%n", d.manifest().history().size());
        }
        return 0;
    }

    private String edit(ModelDictionary d) throws Exception {
        if (action.insert != null) {
            if (from == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--insert needs --from RUN");
            }
            WeightInputs.usage(spec, () -> {
                d.insert(action.insert, WeightVersions.runOf(from), coefficient);
                return null;
            });
            return "inserted " + action.insert;
        }
        if (action.remove != null) {
            WeightInputs.usage(spec, () -> {
                d.remove(action.remove);
                return null;
            });
            return "removed " + action.remove;
        }
        if (action.scale != null) {
            String[] kv = action.scale.split("=", 2);
            double c;
            try {
                c = Double.parseDouble(kv.length == 2 ? kv[1] : "x");
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--scale takes NAME=C, got '" + action.scale + "'");
            }
            WeightInputs.usage(spec, () -> {
                d.scale(kv[0], c);
                return null;
            });
            return "scaled " + kv[0] + " to " + c;
        }
        if (action.undo) {
            DictionaryManifest.Edit undone;
            try {
                undone = d.undo();
            } catch (IllegalStateException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return "undid " + undone.operation() + " " + undone.key();
        }
        long start = System.nanoTime();
        WeightSet composed = d.compose();
        List<Ingredient> ingredients = new java.util.ArrayList<>();
        ingredients.add(new Ingredient("base", d.manifest().baseRun() + " (initialisation)", d.manifest().baseHash(), 1.0));
        for (DictionaryManifest.Key k : d.manifest().keys()) {
            if (k.active()) {
                ingredients.add(new Ingredient("key", k.name() + " (" + k.source() + ")", k.hash(), k.coefficient()));
            }
        }
        WeightVersions.publish(d.baseRun(), composed, "keys", "compose", ingredients, Map.of(), action.build, start);
        return "built " + action.build.toAbsolutePath().normalize();
    }
}
