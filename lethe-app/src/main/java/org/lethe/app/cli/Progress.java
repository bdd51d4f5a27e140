package org.lethe.app.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for long-running commands that draws only when a person is watching: when standard output is
 * not a terminal (a pipe, a file, {@code --json} captured by a script, a test) it prints instead one plain line on
 * standard error every {@value #LINE_SECONDS} seconds while work lasts (nothing for quick work), so captured standard
 * output stays clean and long work is never silent. The bar itself is drawn on standard error.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("epoch 1", batches)) {
 *     for (...) { ...; p.step(); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    /** System property the launcher sets to {@code true} or {@code false} from a shell's {@code [ -t 1 ]}. */
    static final String TTY_PROPERTY = "lethe.stdout.tty";
    /** System property the launcher sets to the terminal's width in columns. */
    static final String COLUMNS_PROPERTY = "lethe.term.columns";
    private static final int DEFAULT_COLUMNS = 80;

    /** Seconds between plain progress lines when standard output is not a terminal. */
    public static final int LINE_SECONDS = 10;
    /** System property that turns the plain lines off ({@code false}), for callers that capture standard error. */
    static final String LINES_PROPERTY = "lethe.progress.lines";

    private final ProgressBar bar;
    private final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.ScheduledExecutorService lines;

    private Progress(ProgressBar bar) {
        this(bar, null);
    }

    private Progress(ProgressBar bar, java.util.concurrent.ScheduledExecutorService lines) {
        this.bar = bar;
        this.lines = lines;
    }

    /**
     * A bar over {@code total} steps, drawn on standard error if standard output is a terminal; otherwise (a log
     * file, a pipe, a scheduler) one plain line on standard error every {@value #LINE_SECONDS} seconds while the work
     * lasts, so that long work is never silent.
     */
    public static Progress start(String task, long total) {
        if (stdoutIsTerminal()) {
            return start(task, total, true, System.err);
        }
        if ("false".equals(System.getProperty(LINES_PROPERTY))) {
            return new Progress(null);
        }
        return lines(task, total, System.err, LINE_SECONDS * 1000L);
    }

    /** Plain lines on {@code out} every {@code everyMillis}, the first after one period: quick work prints nothing. */
    public static Progress lines(String task, long total, PrintStream out, long everyMillis) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "lethe-progress");
                    t.setDaemon(true);
                    return t;
                });
        Progress p = new Progress(null, timer);
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            long n = p.done.get();
            out.printf(java.util.Locale.ROOT, "lethe: %s: %,d of %,d (%.0f%%), %.0f s%n", task, n, total,
                    total > 0 ? 100.0 * n / total : 0.0, (System.nanoTime() - start) / 1e9);
            out.flush();
        }, everyMillis, everyMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        return p;
    }

    /** A bar drawn on {@code out} when {@code enabled}, otherwise a silent one. */
    public static Progress start(String task, long total, boolean enabled, PrintStream out) {
        if (!enabled) {
            return new Progress(null);
        }
        // A fixed width keeps the progress-bar library from probing the terminal itself.
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(out, columns() - 1))
                .build();
        return new Progress(bar);
    }

    /** True when this bar draws anything. */
    public boolean enabled() {
        return bar != null;
    }

    /** Advances by one step. */
    public void step() {
        stepBy(1);
    }

    /** Advances by {@code n} steps. */
    public void stepBy(long n) {
        done.addAndGet(n);
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    /** Shows a short status (such as the running loss) after the bar. */
    public void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    /** Draws the final state and moves to the next line. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
        if (lines != null) {
            lines.shutdownNow();
        }
    }

    /**
     * Whether standard output is a terminal. The launcher knows for certain and says so through
     * {@value #TTY_PROPERTY}; without it, {@link System#console()} is the JVM's best guess (on Java 17 it exists
     * only when both standard input and output are terminals).
     */
    public static boolean stdoutIsTerminal() {
        String told = System.getProperty(TTY_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22 and later return a console even when redirected; they say which through isTerminal().
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    private static int columns() {
        try {
            int c = Integer.parseInt(System.getProperty(COLUMNS_PROPERTY, ""));
            return c >= 20 ? c : DEFAULT_COLUMNS;
        } catch (NumberFormatException notSet) {
            return DEFAULT_COLUMNS;
        }
    }
}
