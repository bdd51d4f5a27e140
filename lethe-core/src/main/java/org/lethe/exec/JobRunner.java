package org.lethe.exec;

import java.util.List;

/**
 * Runs a batch of independent {@link Job}s. Every runner follows one failure rule: when a job fails, jobs not yet
 * started are dropped, jobs already running are waited for (training does not stop at an interrupt, and a caller
 * that went on would race with them, for example by deleting the directory they write into), and then the first
 * failure is rethrown as itself. Results do not depend on the runner or its number of workers.
 */
public interface JobRunner {
    /** Runs every job and returns their results in job order. */
    <R> List<R> runAll(List<? extends Job<R>> jobs, JobEnvironment environment) throws Exception;

    /** {@link #runAll(List, JobEnvironment)} with an environment that shares nothing and reports no progress. */
    default <R> List<R> runAll(List<? extends Job<R>> jobs) throws Exception {
        return runAll(jobs, JobEnvironment.empty());
    }
}
