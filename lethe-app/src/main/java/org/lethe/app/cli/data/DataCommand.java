package org.lethe.app.cli.data;

import org.lethe.app.cli.Subcommands;
import org.lethe.app.cli.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lethe data}: the group of commands about data sets, subjects and training provenance. */
@Command(name = "data",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Data sets, subjects and training provenance.",
                "Which steps used an example or a subject, and which examples a step used."},
        subcommands = {DataListCommand.class, DataDescribeCommand.class, DataSubjectsCommand.class,
                DataStepsCommand.class, DataBatchCommand.class})
public final class DataCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }
}
