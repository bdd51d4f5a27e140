package org.lethe.app.cli.algebra;

import org.lethe.app.cli.Subcommands;
import org.lethe.app.cli.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lethe algebra}: weight-space algebra on stored models (see docs/algebra.md). */
@Command(name = "algebra",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Weight-space algebra: align, interpolate, task vectors, merges, model dictionaries.",
        subcommands = {AlignCommand.class, InterpolateCommand.class, TaskVectorCommand.class, ApplyCommand.class,
                MergeCommand.class, KeysCommand.class})
public final class AlgebraCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }
}
