package org.lethe.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.train.KernelWarmup;

/**
 * Runs a batch of {@link Job}s on a Spark cluster, each job one Spark task, and returns their results in job order
 * (a task's result is its job's value, shipped back by Java serialisation, so results equal the
 * {@link org.lethe.exec.LocalJobRunner}'s bit for bit). Jobs run in the executors' JVMs: they must carry what they
 * need by value or by path on storage every node reads, and the objects the caller's {@link JobEnvironment} shares
 * are not sent (each executor keeps one environment per batch for what its jobs open). Progress that jobs report
 * reaches the environment's sink on the driver with the executors' heartbeats and as each task ends.
 *
 * <p>The {@link JobRunner} failure rule holds: when a job fails, Spark launches none of the batch's remaining
 * tasks, the runner waits until the tasks still running have ended, and then rethrows the job's own exception.
 * Spark's own retries of a task ({@code spark.task.maxFailures}) come first.
 */
public final class SparkJobRunner implements ClosableJobRunner {
    private final JavaSparkContext context;
    private final boolean ownsContext;
    private final BatchTracker tracker = new BatchTracker();

    /** A runner on an existing context (as under {@code spark-submit}); {@link #close()} leaves it open. */
    public SparkJobRunner(JavaSparkContext context) {
        this(context, false);
    }

    private SparkJobRunner(JavaSparkContext context, boolean ownsContext) {
        this.context = context;
        this.ownsContext = ownsContext;
        context.sc().addSparkListener(tracker);
    }

    /** Starts a context from {@code conf}; {@link #close()} stops it. */
    public static SparkJobRunner start(SparkConf conf) {
        return new SparkJobRunner(new JavaSparkContext(conf), true);
    }

    /**
     * Has every executor compile the engine's kernels for {@code seconds} ({@link KernelWarmup#runFor}: miniature
     * models trained on noise), one task per executor core, and returns the miniature steps run in all. A fresh
     * executor otherwise runs its first real jobs interpreted and loads Lethe's classes during them, which on small
     * jobs costs more than the jobs themselves. Nothing is done for a local master (its tasks run in this JVM, which
     * warms up on its own) or when {@code seconds} is not positive. Results of later batches do not change.
     */
    public int warmUpExecutors(double seconds) {
        if (seconds <= 0 || context.isLocal()) {
            return 0;
        }
        // The driver is listed among the executors too.
        int executors = Math.max(1, context.sc().statusTracker().getExecutorInfos().length - 1);
        int tasks = executors * Math.max(1, context.getConf().getInt("spark.executor.cores", 1));
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            slots.add(i);
        }
        context.setJobGroup("lethe-warm-up", "Lethe executor warm-up", false);
        try {
            return context.parallelize(slots, tasks).map(slot -> KernelWarmup.runFor(seconds))
                    .reduce(Integer::sum);
        } finally {
            context.clearJobGroup();
        }
    }

    /** The context jobs run on. */
    public JavaSparkContext context() {
        return context;
    }

    @Override
    public synchronized <R> List<R> runAll(List<? extends Job<R>> jobs, JobEnvironment environment)
            throws Exception {
        if (jobs.isEmpty()) {
            return List.of();
        }
        String batch = "lethe-" + UUID.randomUUID();
        List<JobTask<R>> tasks = new ArrayList<>();
        for (Job<R> job : jobs) {
            tasks.add(new JobTask<>(batch, job));
        }
        LongAccumulator progress = context.sc().longAccumulator(batch + "-progress");
        tracker.begin(batch, progress.id(), environment::progress);
        context.setJobGroup(batch, jobs.size() + " Lethe job(s)", false);
        try {
            return collect(context.parallelize(tasks, tasks.size()), progress);
        } catch (Exception e) {
            // Scala declares no exceptions: Spark's own arrive unchecked.
            if (e instanceof SparkException) {
                throw jobFailure((SparkException) e);
            }
            throw e;
        } finally {
            context.clearJobGroup();
            tracker.end();
        }
    }

    // Static, so that the function Spark serialises captures the accumulator only, not the runner.
    private static <R> List<R> collect(JavaRDD<JobTask<R>> tasks, LongAccumulator progress) {
        return tasks.map(task -> task.run(progress)).collect();
    }

    // Spark wraps a task's exception in its own; the job's failure is rethrown as itself when it came through.
    private static Exception jobFailure(SparkException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (!(t instanceof SparkException)) {
                if (t instanceof Error) {
                    throw (Error) t;
                }
                return t instanceof Exception ? (Exception) t : e;
            }
        }
        return e;
    }

    @Override
    public void close() {
        context.sc().removeSparkListener(tracker);
        if (ownsContext) {
            context.stop();
        }
    }
}
