package org.lethe.app.cli;

import java.io.PrintStream;

/**
 * What to say, or to clean up, when the user interrupts long work (Ctrl-C): a shutdown hook that runs only while the
 * work is under way. Close it when the work ends normally so that a finished command says nothing.
 */
public final class InterruptNotice implements AutoCloseable {
    private final Thread hook;

    private InterruptNotice(Thread hook) {
        this.hook = hook;
    }

    /** Prints {@code message} on standard error if the process is stopped before {@link #close()}. */
    public static InterruptNotice say(String message) {
        return onInterrupt(() -> { }, message);
    }

    /** Runs {@code cleanup}, then prints {@code message}, if the process is stopped before {@link #close()}. */
    public static InterruptNotice onInterrupt(Runnable cleanup, String message) {
        PrintStream err = System.err;
        Thread hook = new Thread(() -> {
            cleanup.run();
            err.println();
            err.println("lethe: interrupted: " + message);
            err.flush();
        }, "lethe-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(hook);
        return new InterruptNotice(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing to undo.
        }
    }
}
