package org.lethe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The executor options the provider fills in, and that what the user set wins. */
class SparkRunnerProviderTest {
    private static String executorOptions(SparkConf given) {
        return SparkRunnerProvider.configure(given, "local-cluster[1,1,1024]", "test")
                .get("spark.executor.extraJavaOptions");
    }

    @Test
    void aSizedExecutorGetsItsWholeHeapAndAYoungGenerationOfAQuarterUpTo256Mb() {
        assertThat(executorOptions(new SparkConf(false).set("spark.executor.memory", "2g")))
                .contains("-Xms2048m ", "-Xmn256m ", "-XX:ActiveProcessorCount=1", "-XX:+UseParallelGC");
        assertThat(executorOptions(new SparkConf(false).set("spark.executor.memory", "512m")))
                .contains("-Xms512m ", "-Xmn128m ");
    }

    @Test
    void whatTheUserSetIsKept() {
        String o = executorOptions(new SparkConf(false).set("spark.executor.memory", "2g")
                .set("spark.executor.extraJavaOptions", "-XX:NewRatio=3 -XX:+UseG1GC -Xms1g"));
        assertThat(o).startsWith("-XX:NewRatio=3 -XX:+UseG1GC -Xms1g ").doesNotContain("-Xmn", "-Xms2048m",
                "UseParallelGC");
    }

    @Test
    void withoutAnExecutorMemoryTheHeapIsLeftToSpark() {
        assertThat(executorOptions(new SparkConf(false))).doesNotContain("-Xms", "-Xmn");
    }
}
