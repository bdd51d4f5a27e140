package org.lethe.app.cli.sketch;

import org.lethe.app.cli.Subcommands;
import org.lethe.app.cli.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lethe sketch}: deletion prediction without retraining. A sketch trains a run once per random direction in
 * truncated-Taylor arithmetic; predictions of the model retrained without any set of examples then come from the
 * stored sketch.
 */
@Command(name = "sketch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Deletion prediction without retraining, from sketches of training runs.",
                "Build a sketch of a run, predict a measurement of the model retrained without some " +
                "examples, or reproduce the reference microgpt experiment."},
        subcommands = {SketchBuildCommand.class, SketchPredictCommand.class, SketchReproduceCommand.class})
public final class SketchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }
}
