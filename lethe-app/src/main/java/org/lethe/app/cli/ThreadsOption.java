package org.lethe.app.cli;

import org.lethe.tensor.Parallel;
import picocli.CommandLine.Option;

/** The {@code --threads T} of commands that run independent pieces of work in parallel; a picocli {@code @Mixin}. */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of processors).")
    private Integer threads;

    /** The threads to use: as given (at least 1), or the number of Lethe's worker threads. */
    public int threads() {
        return threads == null ? Parallel.threads() : Math.max(1, threads);
    }
}
