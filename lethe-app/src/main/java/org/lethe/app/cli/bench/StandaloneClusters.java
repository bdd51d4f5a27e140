package org.lethe.app.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.lethe.app.bench.SparkBenchmark;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.exec.JobRunners;

/**
 * Standalone Spark clusters on this machine, started and stopped with the lethe-spark module's
 * {@code spark-standalone} script (a Master and one-core Workers, each a JVM of its own, on 127.0.0.1), and the
 * spark runner on them (found by name, so the application does not depend on Spark).
 */
final class StandaloneClusters implements SparkBenchmark.Clusters {
    /** The system property through which {@code lethe-spark/bin/lethe-spark} names the script. */
    static final String SCRIPT_PROPERTY = "lethe.spark.standalone";

    /** Memory of each executor: the Fashion-MNIST arrays and one shard's training fit in it. */
    private static final String EXECUTOR_MEMORY = "2g";
    /** What each worker offers, more than its one executor needs. */
    private static final String WORKER_MEMORY = "3g";

    private final Path script;
    private final String master;
    private final String settingsGiven;

    StandaloneClusters(Path script) {
        this.script = script;
        String port = System.getenv().getOrDefault("LETHE_SPARK_PORT", "7177");
        this.master = "spark://127.0.0.1:" + port;
        this.settingsGiven = settingsGiven();
    }

    @Override
    public ClosableJobRunner open(int workers) throws Exception {
        // A cluster left over from an interrupted run would take this one's port.
        script("stop");
        script("start", Integer.toString(workers));
        if (System.getProperty("spark.executor.memory") == null) {
            System.setProperty("spark.executor.memory", EXECUTOR_MEMORY);
        }
        // The runner starts once every worker's executor has registered, so that the executors' start is counted in
        // the cluster's start and not in its first batch.
        System.setProperty("spark.cores.max", Integer.toString(workers));
        System.setProperty("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        ClosableJobRunner runner;
        try {
            runner = JobRunners.open("spark", master, 1, "lethe bench spark");
        } catch (Exception | Error e) {
            script("stop");
            throw e;
        }
        return new ClosableJobRunner() {
            @Override
            public <R> java.util.List<R> runAll(java.util.List<? extends org.lethe.exec.Job<R>> jobs,
                                                org.lethe.exec.JobEnvironment environment) throws Exception {
                return runner.runAll(jobs, environment);
            }

            @Override
            public void close() {
                try {
                    runner.close();
                } finally {
                    stop();
                }
            }
        };
    }

    private void stop() {
        try {
            script("stop");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the cluster", e);
        }
    }

    @Override
    public String describe(int workers) {
        return "standalone " + master + ", " + workers + " worker(s) of 1 core, 1 engine thread per executor"
                + settingsGiven;
    }

    // Spark settings the user gave that change the executors (their warm-up, their JVM), so that runs made with and
    // without them can be told apart in the results. Read before open() sets its own defaults among them.
    private static String settingsGiven() {
        StringBuilder out = new StringBuilder();
        for (String key : new String[] {"spark.lethe.warmUpSeconds", "spark.executor.extraJavaOptions",
                "spark.executor.memory"}) {
            String value = System.getProperty(key);
            if (value != null) {
                out.append(", ").append(key).append('=').append(value);
            }
        }
        return out.toString();
    }

    private void script(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = script.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        // The script's own messages go to standard error: standard output may carry --json.
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putIfAbsent("LETHE_SPARK_WORKER_MEMORY", WORKER_MEMORY);
        Process p = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException(script.getFileName() + " " + String.join(" ", args) + " failed (exit " + code + ")");
        }
    }
}
