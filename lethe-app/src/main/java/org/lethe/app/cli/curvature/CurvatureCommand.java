package org.lethe.app.cli.curvature;

import org.lethe.app.cli.Subcommands;
import org.lethe.app.cli.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lethe curvature}: K-FAC curvature factors of a classifier and edits in their eigenbasis. */
@Command(name = "curvature",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Curvature editing: collect the K-FAC factors of a classifier's linear layers and remove the "
                + "low-curvature directions of its weights, where memorised examples live.",
                "See docs/curvature.md."},
        subcommands = {CurvatureCollectCommand.class, CurvatureEditCommand.class})
public final class CurvatureCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }
}
