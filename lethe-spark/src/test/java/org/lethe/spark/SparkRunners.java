package org.lethe.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;

/** Runners for the tests: in-process {@code local[2]}, and a cluster whose executors are JVMs of their own. */
final class SparkRunners {
    private SparkRunners() {
    }

    /** Two task threads in this JVM: jobs still reach their executor as bytes, sharing nothing with the driver. */
    static SparkJobRunner local() {
        return SparkJobRunner.start(conf("local[2]"));
    }

    /**
     * {@code local-cluster[2,1,1024]}: a master and two workers in this JVM, each launching an executor JVM from
     * the Spark folder the build lays out (SPARK_HOME); null when that folder is missing.
     */
    static SparkJobRunner cluster() {
        String home = System.getenv("SPARK_HOME");
        if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
            return null;
        }
        // Set before configure, as spark.* system properties or spark-submit would be: configure starts the
        // executors with their whole heap (-Xms) and reads the executor memory for it.
        SparkConf given = new SparkConf(false).set("spark.executor.memory", "512m");
        return SparkJobRunner.start(conf(given, "local-cluster[2,1,1024]"));
    }

    private static SparkConf conf(String master) {
        return conf(new SparkConf(false), master);
    }

    private static SparkConf conf(SparkConf given, String master) {
        SparkConf conf = SparkRunnerProvider.configure(given, master, "lethe-test");
        // The executors also need the test's own job classes.
        SparkRunnerProvider.addCode(conf, List.of(SparkRunners.class));
        conf.set("spark.driver.host", "127.0.0.1");
        return conf;
    }
}
