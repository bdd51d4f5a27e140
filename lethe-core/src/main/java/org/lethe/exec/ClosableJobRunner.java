package org.lethe.exec;

/** A {@link JobRunner} holding resources (a cluster connection, threads) that {@link #close()} releases. */
public interface ClosableJobRunner extends JobRunner, AutoCloseable {
    /** Releases the runner's resources; it runs no batch afterwards. */
    @Override
    void close();

    /** {@code runner} with a close that does nothing, for a runner that holds nothing between batches. */
    static ClosableJobRunner of(JobRunner runner) {
        return new ClosableJobRunner() {
            @Override
            public <R> java.util.List<R> runAll(java.util.List<? extends Job<R>> jobs, JobEnvironment environment)
                    throws Exception {
                return runner.runAll(jobs, environment);
            }

            @Override
            public void close() {
            }
        };
    }
}
