package org.lethe.unlearn;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs independent shard jobs. The default runs them on a local thread pool; a distributed runner can plug in
 * here, since each job is self-contained (its inputs are files and seeds, its outputs are files).
 */
public interface ShardRunner {
    /** Runs every job and returns their results in job order; the first failure is rethrown. */
    <T> List<T> runAll(List<Callable<T>> jobs) throws Exception;
}
