package org.lethe.app.cli.algebra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.store.ModelVersions;
import org.lethe.store.StoredModel;
import org.lethe.weights.Ingredient;
import org.lethe.weights.WeightSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the algebra commands share: opening a stored model as weights, turning a mismatch between inputs into a
 * usage error (exit 2, one line), and the default output path.
 */
final class WeightInputs {
    private WeightInputs() {
    }

    /** A stored single model, its module and weights. */
    record Loaded(Path path, Layer module, WeightSet weights) {
        /** Its ingredient entry. */
        Ingredient ingredient(String role, Double coefficient) {
            return new Ingredient(role, path.toAbsolutePath().normalize().toString(), weights.hash(), coefficient);
        }
    }

    static Loaded load(Path path) throws IOException {
        Module m = StoredModel.openSingle(path).loadModule();
        if (!(m instanceof Layer layer)) {
            throw new IllegalArgumentException(path + " is not a classifier");
        }
        return new Loaded(path, layer, WeightSet.of(m));
    }

    /**
     * The base a task vector is measured from: the weights of {@code base}, or the initialisation of the run
     * {@code baseInit} (rebuilt from its architecture and seed). Exactly one must be given.
     */
    static Loaded base(CommandSpec spec, Path base, Path baseInit) throws IOException {
        if ((base == null) == (baseInit == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --base MODEL and --base-init RUN");
        }
        if (base != null) {
            return load(base);
        }
        Module init = org.lethe.train.TrainingRun.open(StoredModel.openSingle(baseInit).requireRun().root()).model;
        init.train(false);
        return new Loaded(baseInit.resolve("initialisation"), (Layer) init, WeightSet.of(init));
    }

    /** Runs {@code check}; an {@link IllegalArgumentException} becomes a usage error with its message. */
    static <T> T usage(CommandSpec spec, Callable<T> check) throws Exception {
        try {
            return check.call();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** {@code out}, or the next free version of {@code model} when none was given. */
    static Path outputFor(Path out, Path model) {
        return out != null ? out : ModelVersions.nextVersion(model);
    }
}
