package org.lethe.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.lethe.app.cli.algebra.AlgebraCommand;
import org.lethe.app.cli.audit.AuditCommand;
import org.lethe.app.cli.bench.BenchCommand;
import org.lethe.app.cli.curvature.CurvatureCommand;
import org.lethe.app.cli.data.DataCommand;
import org.lethe.app.cli.forget.ForgetCommand;
import org.lethe.app.cli.model.DemoCommand;
import org.lethe.app.cli.model.EvalCommand;
import org.lethe.app.cli.model.ExportCommand;
import org.lethe.app.cli.model.ImportCommand;
import org.lethe.app.cli.model.InfoCommand;
import org.lethe.app.cli.model.PredictCommand;
import org.lethe.app.cli.model.TrainCommand;
import org.lethe.app.cli.model.VersionsCommand;
import org.lethe.app.cli.sketch.SketchCommand;
import org.lethe.app.cli.serve.ServeCommand;
import org.lethe.app.cli.ledger.LedgerCommand;
import org.lethe.train.KernelWarmup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code lethe} command: registers the subcommands and routes every failure through {@link ErrorReporter},
 * so a user sees one line per error (a stack trace only with {@code --verbose}).
 *
 * <p>A new subcommand is a picocli {@code @Command} class in its group's subpackage ({@code model}, {@code data},
 * {@code forget}, {@code audit}, {@code sketch}, {@code bench}), listed in {@code subcommands} below (or in its
 * parent's list, as benchmarks are in {@link BenchCommand}); options it shares with others are mixins of this
 * package ({@link JsonOption}, {@link ModelOption}, ...). Commands print results to
 * {@code spec.commandLine().getOut()}, report progress through {@link Progress}, and signal failures by throwing:
 * {@link CommandLine.ParameterException} for bad usage (exit 2), anything else for a failed run (exit 1).
 */
@Command(name = "lethe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Machine-unlearning engine for the JVM.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvalCommand.class, PredictCommand.class,
                InfoCommand.class, VersionsCommand.class, DataCommand.class, ForgetCommand.class, AuditCommand.class,
                BenchCommand.class, SketchCommand.class, AlgebraCommand.class, CurvatureCommand.class,
                ImportCommand.class, ExportCommand.class, ServeCommand.class, LedgerCommand.class})
public final class Main implements Runnable {

    /** Shown before every error line; tests and scripts can match on it. */
    public static final String ERROR_PREFIX = "lethe: error: ";

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    private boolean verbose;

    @Override
    public void run() {
        throw Subcommands.missing(spec);
    }

    /** A fully configured command line; tests add commands or redirect its streams before executing it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        ErrorReporter reporter = new ErrorReporter();
        cl.setParameterExceptionHandler(reporter);
        cl.setExecutionExceptionHandler(reporter);
        return cl;
    }

    /** Runs {@code lethe} with these arguments and exits with its exit code. */
    public static void main(String[] args) {
        if (trains(args)) {
            // Compiling the kernels starts before argument parsing; the command finishes it before training.
            KernelWarmup.shared();
        }
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable t) {
            // Errors (out of memory, linkage) escape picocli's handlers; they still get the one-line treatment.
            PrintWriter err = new PrintWriter(System.err, true);
            ErrorReporter.report(t, err, hasVerboseFlag(args));
            code = ErrorReporter.EXIT_FAILURE;
        }
        System.exit(code);
    }

    /**
     * True when the command {@code args} name is a {@link WarmsKernels} command. Decided from the command classes'
     * {@code @Command} annotations (names and subcommands), without building the command line, so that the
     * kernels compile while picocli builds its model and parses.
     */
    static boolean trains(String[] args) {
        Class<?> command = Main.class;
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            Class<?> sub = subcommand(command, arg);
            if (sub == null) {
                break;
            }
            command = sub;
        }
        return WarmsKernels.class.isAssignableFrom(command);
    }

    /** The subcommand of {@code command} called {@code name}, or null. */
    private static Class<?> subcommand(Class<?> command, String name) {
        Command annotation = command.getAnnotation(Command.class);
        if (annotation == null) {
            return null;
        }
        for (Class<?> sub : annotation.subcommands()) {
            Command c = sub.getAnnotation(Command.class);
            if (c != null && (c.name().equals(name) || Arrays.asList(c.aliases()).contains(name))) {
                return sub;
            }
        }
        return null;
    }

    private static boolean hasVerboseFlag(String[] args) {
        for (String a : args) {
            if ("--verbose".equals(a)) {
                return true;
            }
        }
        return false;
    }
}
