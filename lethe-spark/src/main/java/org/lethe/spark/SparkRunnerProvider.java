package org.lethe.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.exec.Job;
import org.lethe.exec.JobRunnerProvider;

/**
 * The {@code spark} runner of {@code --runner spark --master URL}: a {@link SparkJobRunner} on a context for the
 * master ({@code local[N]}, {@code local-cluster[W,C,MB]}, {@code spark://host:port}, ...), or the one
 * {@code spark-submit} configured when no master is given. It fills in what Lethe needs and the user did not set:
 * Lethe's own code for the executors, the module access Spark needs on JDK 17 and later, and one engine thread per
 * executor core ({@code LETHE_THREADS}), the local runner's garbage collector for the executors' JVMs, and their
 * start-up options (whole heap, transparent huge pages, processor count: {@link #executorMemoryOptions}). Under
 * {@code spark-submit}, the configuration it passes is read as it is.
 */
public final class SparkRunnerProvider implements JobRunnerProvider {
    /** The JVM options Spark needs on JDK 17 and later (what its launcher adds to the JVMs it starts). */
    public static final List<String> MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /**
     * How long each executor trains miniature models when the runner opens, after warming up its data preparation
     * ({@code 0}: no warm-up at all).
     */
    public static final String WARM_UP_SECONDS = "spark.lethe.warmUpSeconds";

    /**
     * About what a fresh JVM needs to compile the kernels of small models' training steps (the local runner's
     * process warms up for up to as long while it reads its data).
     */
    public static final double DEFAULT_WARM_UP_SECONDS = 3.0;

    /** The executors' young generation at most, unless the user sizes it ({@link #executorMemoryOptions}). */
    static final long YOUNG_GENERATION_MB = 256;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public ClosableJobRunner open(String master, String appName) {
        SparkConf conf = configure(new SparkConf(), master, appName);
        double warmUp = warmUpSeconds(conf);
        SparkJobRunner runner = SparkJobRunner.start(conf);
        try {
            runner.warmUpExecutors(warmUp);
        } catch (Exception | Error e) {
            // Spark's own exceptions are checked but undeclared; none may leave the context running.
            try {
                runner.close();
            } catch (RuntimeException stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
        return runner;
    }

    /**
     * The warm-up's seconds ({@link #WARM_UP_SECONDS}, or {@link #DEFAULT_WARM_UP_SECONDS}), checked before any
     * cluster resource is taken.
     *
     * @throws IllegalArgumentException when the setting is not a number of seconds from 0 to 600
     */
    static double warmUpSeconds(SparkConf conf) {
        String given = conf.get(WARM_UP_SECONDS, null);
        if (given == null) {
            return DEFAULT_WARM_UP_SECONDS;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(given.trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds >= 0 && seconds <= 600)) {
            throw new IllegalArgumentException(WARM_UP_SECONDS + " must be a number of seconds from 0 to 600 (0: no "
                    + "warm-up), got '" + given + "'");
        }
        return seconds;
    }

    /**
     * {@code conf} (which holds any {@code spark.*} system properties) for {@code master}, with Lethe's defaults for
     * whatever it does not set. Set {@code spark.executor.memory} and {@code spark.executor.cores} before calling: the
     * executors' {@code -Xms} and processor count are derived from them here, and an {@code -Xms} above the memory
     * set later would keep every executor from starting.
     *
     * @throws IllegalArgumentException when neither {@code master} nor the configuration names a master
     */
    public static SparkConf configure(SparkConf conf, String master, String appName) {
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("the spark runner needs --master URL (local[N], local-cluster[W,C,MB], "
                    + "spark://HOST:PORT) or spark-submit's --master");
        }
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.executor.cores", "1");
        // One engine thread per core an executor has: more would only contend for the cores of its tasks.
        conf.setIfMissing("spark.executorEnv.LETHE_THREADS", conf.get("spark.executor.cores"));
        conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        // Progress of running tasks arrives with the heartbeats.
        conf.setIfMissing("spark.executor.heartbeatInterval", "2s");
        String options = String.join(" ", MODULE_OPTIONS);
        String extra = conf.get("spark.executor.extraJavaOptions", "");
        // The collector the lethe launchers give the local runner's JVM, unless the user chose one: training
        // allocates short-lived arrays at a high rate, which the throughput collector handles with less pause time.
        if (!extra.matches(".*-XX:[+-]Use\\w*GC.*")) {
            options = "-XX:+UseParallelGC " + options;
        }
        options = executorMemoryOptions(conf, extra) + options;
        conf.set("spark.executor.extraJavaOptions", (extra + " " + options).trim());
        addCode(conf, List.of(Job.class, SparkJobRunner.class));
        return conf;
    }

    /**
     * Options for an executor's start, unless the user set them: the whole heap ({@code -Xms} equal to Spark's
     * {@code -Xmx}, when {@code spark.executor.memory} is set, so the heap is not grown step by step while the first
     * tasks load the data) with a young generation of a quarter of it, at most 256 MB ({@code -Xmn}, likewise), transparent huge pages for it on Linux (a fresh JVM otherwise spends seconds of system
     * time faulting in its heap page by page as the data and the first batches fill it; the JVM falls back to small
     * pages where the system has none), and the
     * executor's cores as the JVM's processor count (so that a one-core executor does not size its collector's and
     * compiler's threads for every core of the machine). None changes a result.
     */
    static String executorMemoryOptions(SparkConf conf, String extra) {
        StringBuilder o = new StringBuilder();
        // Only when the memory is set here: Spark may take it from elsewhere (SPARK_EXECUTOR_MEMORY), and an -Xms
        // above the executor's real -Xmx keeps it from starting.
        if (!extra.contains("-Xms") && conf.contains("spark.executor.memory")) {
            o.append("-Xms").append(conf.getSizeAsMb("spark.executor.memory")).append("m ");
        }
        // A young generation of at most a quarter of the heap and 256 MB: the parallel collector allocates an array
        // of half its eden or more in the old generation at once, so a data set's large arrays (Fashion-MNIST's
        // pixels are 188 MB) are not copied there by the first collection of a fresh executor's first job; with
        // the default third of a 2 GiB heap they were, for 0.4 to 0.6 s. Training's small arrays die young either way.
        if (!extra.matches(".*-X(mn|X:NewSize=|X:MaxNewSize=|X:NewRatio=).*") && conf.contains("spark.executor.memory")) {
            o.append("-Xmn").append(Math.min(YOUNG_GENERATION_MB, conf.getSizeAsMb("spark.executor.memory") / 4))
                    .append("m ");
        }
        // HotSpot knows this option on Linux only; elsewhere an executor would refuse to start. The driver's system
        // stands in for the executors' (a cluster of another system than its driver's keeps the default pages).
        if (!extra.matches(".*-XX:[+-]UseTransparentHugePages.*")
                && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            o.append("-XX:+UseTransparentHugePages ");
        }
        if (!extra.contains("-XX:ActiveProcessorCount")) {
            o.append("-XX:ActiveProcessorCount=").append(conf.get("spark.executor.cores")).append(' ');
        }
        return o.toString();
    }

    /**
     * Makes the code of {@code classes} reachable by the executors: jars through {@code spark.jars} (the driver serves
     * them to every node). When some of it is a class directory (a build's output, so one machine), all of it goes
     * on the executors' class path instead, since classes on that path cannot see those of {@code spark.jars}. Code
     * the configuration already ships (spark-submit's application jar) is not added again.
     */
    public static void addCode(SparkConf conf, List<Class<?>> classes) {
        Set<String> jars = new LinkedHashSet<>(split(conf.get("spark.jars", ""), ","));
        Set<String> shippedNames = new LinkedHashSet<>();
        for (String jar : jars) {
            shippedNames.add(jar.substring(jar.lastIndexOf('/') + 1));
        }
        List<Path> code = new ArrayList<>();
        boolean anyDirectory = false;
        for (Class<?> c : classes) {
            Path where = location(c);
            if (where != null && !code.contains(where) && !shippedNames.contains(where.getFileName().toString())) {
                code.add(where);
                anyDirectory |= Files.isDirectory(where);
            }
        }
        if (code.isEmpty()) {
            return;
        }
        if (anyDirectory) {
            Set<String> path = new LinkedHashSet<>(split(conf.get("spark.executor.extraClassPath", ""),
                    java.io.File.pathSeparator));
            code.forEach(p -> path.add(p.toString()));
            conf.set("spark.executor.extraClassPath", String.join(java.io.File.pathSeparator, path));
        } else {
            code.forEach(p -> jars.add(p.toString()));
            conf.set("spark.jars", String.join(",", jars));
        }
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception | Error unknown) {
            return null;
        }
    }

    private static List<String> split(String value, String separator) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(java.util.regex.Pattern.quote(separator))) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
