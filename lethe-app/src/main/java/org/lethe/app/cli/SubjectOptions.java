package org.lethe.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.lethe.data.Examples;
import org.lethe.data.Subjects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Who owns which examples: generated subjects of {@code K} examples each, or a CSV file. The two options exclude
 * each other; commands take them as an optional argument group.
 */
public final class SubjectOptions {
    @Option(names = "--subjects-per", paramLabel = "K",
            description = "Generate subjects subject-0000, subject-0001, ... owning K examples each (drawn with " +
                    "the seed).")
    public int perSubject;

    @Option(names = "--subjects", paramLabel = "FILE.csv",
            description = "Read subjects from a CSV file with header example_id,subject.")
    public Path file;

    /** Rejects a non-positive {@code --subjects-per}. */
    public static void validate(SubjectOptions group, CommandSpec spec) {
        if (group != null && group.file == null && group.perSubject < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--subjects-per must be at least 1, got " + group.perSubject);
        }
    }

    /** Examples per generated subject (0 when a file is used); {@code group} may be null (no subjects). */
    public static int perSubject(SubjectOptions group) {
        return group == null || group.file != null ? 0 : group.perSubject;
    }

    /** The subject file, absolute, or null. */
    public static Path file(SubjectOptions group) {
        return group == null || group.file == null ? null : group.file.toAbsolutePath();
    }

    /** {@code all} with the subjects the options describe, assigned as a training run with {@code seed} assigns them. */
    public static Examples apply(Examples all, SubjectOptions group, long seed) throws IOException {
        if (group == null) {
            return all;
        }
        if (group.file != null) {
            return all.withSubjects(Subjects.read(group.file, all));
        }
        return all.withSubjects(Subjects.random(all, group.perSubject, seed));
    }
}
