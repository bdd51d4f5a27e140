package org.lethe.exec;

import java.io.Serializable;

/**
 * One independent piece of work (a SISA shard, an audit's comparison model, a sketch direction), described by a
 * serialisable value rather than a closure, so that a runner may carry it to another process. A job reads its
 * inputs from files and from objects its {@link JobEnvironment} shares, and writes only its own outputs, so jobs
 * of one batch never depend on each other or on the order they finish in.
 *
 * @param <R> what the job returns (for a runner in another process, also serialisable)
 */
public interface Job<R> extends Serializable {
    /** Runs the job. */
    R run(JobEnvironment environment) throws Exception;
}
