package org.lethe.app.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} switch of commands that report on standard output: with it the command prints exactly one
 * JSON document there ({@link JsonOutput}) instead of text. Commands take it as a picocli {@code @Mixin}.
 */
public final class JsonOption {
    @Option(names = "--json", description = "Print one JSON document on standard output instead of text.")
    private boolean json;

    /** True when the command should print JSON instead of text. */
    public boolean enabled() {
        return json;
    }
}
