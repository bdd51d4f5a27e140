package org.lethe.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lethe audit}: the group of commands that measure whether forgotten examples still leave a trace. Each
 * measure is its own {@code @Command} class listed in {@code subcommands} here.
 */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Audits: measure how well examples were forgotten.",
        subcommands = {AuditScoreCommand.class, AuditProbeCommand.class, AuditRelearnCommand.class, AuditCanaryCommand.class})
public final class AuditCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }
}
