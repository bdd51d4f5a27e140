package org.lethe.spark;

import java.io.Serializable;
import org.apache.spark.util.LongAccumulator;
import org.lethe.exec.Job;
import org.lethe.tensor.Parallel;

/**
 * One job of a batch as a Spark task carries it: the batch it belongs to (so that the jobs of one batch running in
 * one executor share what they open) and the job itself.
 *
 * @param batch the batch's id, unique per {@code runAll}
 * @param job   the job
 */
record JobTask<R>(String batch, Job<R> job) implements Serializable {
    /**
     * Runs the job in this executor, counting its progress into {@code progress}. An executor runs as many tasks at
     * once as it has cores, so each job's kernels run on its own thread (as jobs run side by side by the local
     * runner do); results do not depend on it.
     */
    R run(LongAccumulator progress) throws Exception {
        return ExecutorEnvironments.withProgress(progress,
                () -> Parallel.serially(() -> job.run(ExecutorEnvironments.of(batch))));
    }
}
