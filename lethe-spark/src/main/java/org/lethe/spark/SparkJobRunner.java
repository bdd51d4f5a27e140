package org.lethe.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.train.KernelWarmup;
import scala.Tuple2;

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
     * What {@link #warmUpExecutors} did.
     *
     * @param executors the executors that ran a warm-up task
     * @param steps     the miniature training steps they ran in all
     */
    public record WarmUp(int executors, int steps) {
    }

    /**
     * Has the executors warm up ({@link KernelWarmup#runFor}: the data preparation code on the bundled digits, then
     * miniature models trained on noise for {@code seconds}), one task per task slot. A fresh executor otherwise
     * runs its first real jobs interpreted and loads Lethe's classes during them, which on small jobs costs more than
     * the jobs themselves. It first waits, at most {@code spark.scheduler.maxRegisteredResourcesWaitingTime} (30 s),
     * for the executors the configuration asks for ({@code local-cluster[N,...]}, {@code spark.executor.instances}
     * or {@code spark.cores.max}), or for one when it asks for no number; executors that register later warm up in
     * their first jobs. Nothing is done for a local master (its tasks run in this JVM, which warms up on its own) or
     * for 0 seconds. Results of later batches do not change.
     *
     * @throws IllegalArgumentException when {@code seconds} is negative or not finite
     */
    public WarmUp warmUpExecutors(double seconds) {
        KernelWarmup.requireSeconds(seconds);
        if (seconds == 0 || context.isLocal()) {
            return new WarmUp(0, 0);
        }
        SparkConf conf = context.getConf();
        int executors = Math.max(1, awaitExecutors(expectedExecutors(conf),
                conf.getTimeAsMs("spark.scheduler.maxRegisteredResourcesWaitingTime", "30s")));
        int slots = Math.max(1, conf.getInt("spark.executor.cores", 1) / Math.max(1, conf.getInt("spark.task.cpus", 1)));
        int tasks = executors * slots;
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            indices.add(i);
        }
        context.setJobGroup("lethe-warm-up", "Lethe executor warm-up", false);
        try {
            List<Tuple2<String, Integer>> done = context.parallelize(indices, tasks)
                    .map(i -> new Tuple2<>(SparkEnv.get().executorId(), KernelWarmup.runFor(seconds))).collect();
            Set<String> warmed = new HashSet<>();
            int steps = 0;
            for (Tuple2<String, Integer> d : done) {
                warmed.add(d._1());
                steps += d._2();
            }
            return new WarmUp(warmed.size(), steps);
        } finally {
            context.clearJobGroup();
        }
    }

    /** The executors the configuration asks for, or null when it names no number. */
    static Integer expectedExecutors(SparkConf conf) {
        Matcher m = LOCAL_CLUSTER.matcher(conf.get("spark.master", ""));
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        if (conf.contains("spark.executor.instances")) {
            return conf.getInt("spark.executor.instances", 1);
        }
        if (conf.contains("spark.cores.max")) {
            return Math.max(1, conf.getInt("spark.cores.max", 1) / Math.max(1, conf.getInt("spark.executor.cores", 1)));
        }
        return null;
    }

    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,.*\\]");

    // Polls the registered executors (the driver is listed among them) until there are as many as expected (one when
    // no number is expected) or the wait is over; returns how many there are.
    private int awaitExecutors(Integer expected, long waitMillis) {
        long end = System.nanoTime() + waitMillis * 1_000_000L;
        int want = expected == null ? 1 : expected;
        while (true) {
            int registered = context.sc().statusTracker().getExecutorInfos().length - 1;
            if (registered >= want || System.nanoTime() >= end) {
                return registered;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return registered;
            }
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
