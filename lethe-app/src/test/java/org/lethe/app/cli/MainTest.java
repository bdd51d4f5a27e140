package org.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

    /** What one run of the command line printed and returned. */
    private static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    @Command(name = "explode")
    static final class Explode implements Callable<Integer> {
        private final Exception failure;

        Explode(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    private static Run runFailing(Exception failure, String... args) {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("explode", new Explode(failure));
        return run(cl, args);
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        Run r = run("demo", "--no-such-option");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err).startsWith(Main.ERROR_PREFIX).contains("--no-such-option").contains("lethe demo --help");
        assertThat(r.out).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Run r = run("dem");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err).startsWith(Main.ERROR_PREFIX).contains("'dem'").contains("did you mean demo?");
    }

    @Test
    void invalidOptionValueIsAUsageError() {
        Run r = run("demo", "--epochs", "0");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(
                Main.ERROR_PREFIX + "--epochs must be at least 1, got 0 (see 'lethe demo --help')");
    }

    @Test
    void groupWithoutSubcommandIsAUsageError() {
        Run top = run();
        assertThat(top.exitCode).isEqualTo(2);
        assertThat(top.errLines()).hasSize(1);
        assertThat(top.err).contains("demo").contains("bench");
        Run bench = run("bench");
        assertThat(bench.exitCode).isEqualTo(2);
        assertThat(bench.errLines()).hasSize(1);
    }

    @Test
    void failingCommandPrintsOneLineAndExitsNonZero() {
        Run r = runFailing(new IllegalStateException("model file is truncated"), "explode");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(Main.ERROR_PREFIX + "model file is truncated");
        assertThat(r.out).isEmpty();
    }

    @Test
    void multiLineMessagesAreJoinedIntoOneLine() {
        Run r = runFailing(new IllegalArgumentException("shapes differ:\n  [2, 3]\n  [3, 2]\n"), "explode");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(Main.ERROR_PREFIX + "shapes differ: [2, 3] [3, 2]");
    }

    @Test
    void unexpectedExceptionsAreNamed() {
        Run r = runFailing(new ArithmeticException("/ by zero"), "explode");
        assertThat(r.errLines()).containsExactly(Main.ERROR_PREFIX + "ArithmeticException: / by zero");
        Run noMessage = runFailing(new NullPointerException(), "explode");
        assertThat(noMessage.errLines()).containsExactly(Main.ERROR_PREFIX + "NullPointerException");
    }

    @Test
    void wrappedFileErrorsShowTheirCause() {
        Run r = runFailing(new UncheckedIOException(new NoSuchFileException("weights.bin")), "explode");
        assertThat(r.errLines()).containsExactly(Main.ERROR_PREFIX + "no such file: weights.bin");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run r = runFailing(new IllegalStateException("boom"), "explode", "--verbose");
        assertThat(r.exitCode).isEqualTo(1);
        String[] lines = r.errLines();
        assertThat(lines[0]).isEqualTo(Main.ERROR_PREFIX + "boom");
        assertThat(lines.length).isGreaterThan(2);
        assertThat(r.err).contains("java.lang.IllegalStateException: boom").contains("at org.lethe.app.cli.MainTest");
    }

    @Test
    void versionNamesLetheAndTheRuntime() {
        Run r = run("--version");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).startsWith("lethe ").contains("Java " + System.getProperty("java.version")).contains("BLAS ");
        assertThat(r.err).isEmpty();
    }

    @Test
    void kernelWarmUpIsDecidedByTheNamedCommandClass() {
        assertThat(Main.trains(new String[] {"train", "--data", "digits", "--out", "x"})).isTrue();
        assertThat(Main.trains(new String[] {"--verbose", "bench", "engine", "--json"})).isTrue();
        assertThat(Main.trains(new String[] {"bench", "deletion"})).isFalse();
        assertThat(Main.trains(new String[] {"eval", "--model", "train"})).isFalse();
        assertThat(Main.trains(new String[] {"info"})).isFalse();
        assertThat(Main.trains(new String[0])).isFalse();
    }
}
