package org.lethe.exec;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Waiting for background work that must not be abandoned. */
public final class ExecutorShutdown {
    private ExecutorShutdown() {
    }

    /**
     * Waits until {@code executor}, already shut down, has finished every task it still runs, also when the caller
     * is interrupted (the interrupt is kept for the caller): work such as training a shard or writing a file does
     * not stop at an interrupt, and a caller that went on would race with it (for example by deleting its directory).
     */
    public static void awaitTermination(ExecutorService executor) {
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
