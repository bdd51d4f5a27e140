package org.lethe.app.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * The central error handler: every usage error and every exception a command throws becomes exactly one line,
 * {@code lethe: error: <message>}, on standard error. Usage errors exit with 2, failed runs with 1. With
 * {@code --verbose} the stack trace follows the line.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    /** Exit code of a command that failed while running. */
    static final int EXIT_FAILURE = 1;
    /** Exit code of a command line that could not be parsed (picocli's convention). */
    static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        // Some picocli messages start with their own "Error: ", which would follow ours.
        StringBuilder line = new StringBuilder(oneLine(ex.getMessage()).replaceFirst("^Error: ", ""));
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            List<String> suggestions = ((CommandLine.UnmatchedArgumentException) ex).getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
            }
        }
        line.append(" (see '").append(cl.getCommandSpec().qualifiedName()).append(" --help')");
        err.println(Main.ERROR_PREFIX + line);
        if (verbose(cl.getParseResult())) {
            ex.printStackTrace(err);
        }
        err.flush();
        return EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        report(ex, cl.getErr(), verbose(parsed));
        return EXIT_FAILURE;
    }

    /** Prints the one-line report of {@code t}, then its stack trace if asked. */
    static void report(Throwable t, PrintWriter err, boolean withStackTrace) {
        err.println(Main.ERROR_PREFIX + describe(t));
        if (withStackTrace) {
            t.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * A one-line description of a failure. Exceptions that carry a message meant for users (argument, state and
     * I/O errors) show just that message; others are named, because "/ by zero" alone does not say what failed.
     */
    static String describe(Throwable t) {
        Throwable cause = unwrap(t);
        String message = cause.getMessage();
        if (cause instanceof NoSuchFileException) {
            return "no such file: " + oneLine(message);
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied: " + oneLine(message);
        }
        if (cause instanceof FileAlreadyExistsException) {
            return "file already exists: " + oneLine(message);
        }
        if (cause instanceof OutOfMemoryError) {
            return "out of memory (" + oneLine(message) + "); raise the heap, e.g. LETHE_JAVA_OPTS=-Xmx16g";
        }
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                || cause instanceof UnsupportedOperationException || cause instanceof java.io.IOException) {
            return oneLine(message);
        }
        return cause.getClass().getSimpleName() + ": " + oneLine(message);
    }

    /** Strips wrappers whose own message only repeats their cause. */
    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof java.io.UncheckedIOException || current instanceof ExecutionException
                || current instanceof CompletionException || current instanceof InvocationTargetException
                || current instanceof CommandLine.ExecutionException)) {
            current = current.getCause();
        }
        return current;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** True when {@code --verbose} was given at any level of the parsed command chain. */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
