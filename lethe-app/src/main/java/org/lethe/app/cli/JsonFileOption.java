package org.lethe.app.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The JSON options of commands that can also keep their results in a file: {@code --json} prints exactly one JSON
 * document on standard output (as everywhere), {@code --json-file FILE} writes the results to FILE. Commands take
 * it as a picocli {@code @Mixin}.
 *
 * <p>These commands used to spell the file option {@code --json FILE}; that spelling still works: {@code --json}
 * followed by a value that is not an option is read as {@code --json-file}.
 */
public final class JsonFileOption {
    /** What picocli stores for a {@code --json} without a value. */
    private static final String NO_FILE = "";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--json", arity = "0..1", paramLabel = "FILE", fallbackValue = NO_FILE,
            description = "Print one JSON document on standard output instead of text. '--json FILE' is the old "
                    + "spelling of --json-file FILE.")
    private String json;

    @Option(names = "--json-file", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    private Path file;

    /** True when the command should print one JSON document on standard output instead of text. */
    public boolean stdout() {
        return NO_FILE.equals(json);
    }

    /** The file to write the results to, or null: {@code --json-file FILE} or the old {@code --json FILE}. */
    public Path file() {
        boolean oldSpelling = json != null && !json.equals(NO_FILE);
        if (oldSpelling && file != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --json-file FILE or its old spelling --json FILE, not both");
        }
        return oldSpelling ? Path.of(json) : file;
    }
}
