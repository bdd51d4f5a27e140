package org.lethe.app.cli.serve;

import org.lethe.app.cli.Subcommands;
import org.lethe.app.cli.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lethe serve token}: API tokens of the service. */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "API tokens of the deletion service.",
        subcommands = {TokenCreateCommand.class})
public final class TokenCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }
}
