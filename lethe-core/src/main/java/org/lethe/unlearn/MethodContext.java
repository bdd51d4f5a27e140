package org.lethe.unlearn;

import org.lethe.exec.JobRunner;
import org.lethe.exec.LocalJobRunner;
import org.lethe.train.Trainer;

/**
 * What the caller lends a deletion method besides its settings: a runner for independent jobs (SISA shards) and a
 * listener for training steps (progress of replays and retraining).
 *
 * @param runner   runs independent jobs
 * @param listener observes training steps
 */
public record MethodContext(JobRunner runner, Trainer.Listener listener) {
    /** Fills in the defaults: a job per core, no listener. */
    public MethodContext {
        runner = runner == null ? LocalJobRunner.perCore() : runner;
        listener = listener == null ? new Trainer.Listener() { } : listener;
    }

    /** One job per core, no listener. */
    public static MethodContext defaults() {
        return new MethodContext(null, null);
    }
}
