package org.lethe.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers for commands that only group other commands. */
public final class Subcommands {
    private Subcommands() {
    }

    /** The usage error for running a group command without choosing one of its subcommands. */
    public static CommandLine.ParameterException missing(CommandSpec spec) {
        String names = String.join(", ", spec.subcommands().keySet());
        String message = names.isEmpty()
                ? "'" + spec.qualifiedName() + "' has no subcommands in this build"
                : "missing command: choose one of " + names;
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
