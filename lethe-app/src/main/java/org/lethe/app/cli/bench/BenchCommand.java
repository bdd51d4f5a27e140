package org.lethe.app.cli.bench;

import org.lethe.app.cli.Subcommands;
import org.lethe.app.cli.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lethe bench}: the group of benchmark commands. Each benchmark is its own {@code @Command} class listed
 * in {@code subcommands} here; run without one, the group reports which are available.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Benchmarks: measure speed and accuracy (see docs/benchmarks.md).",
        subcommands = {BenchEngineCommand.class, BenchDeletionCommand.class, BenchAuditCommand.class,
                BenchUnlearnCommand.class, BenchAlgebraCommand.class, BenchCurvatureCommand.class,
                BenchServiceCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }
}
