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

    @Test
    void theWarmUpSettingIsCheckedBeforeAnyClusterIsStarted() {
        assertThat(SparkRunnerProvider.warmUpSeconds(new SparkConf(false)))
                .isEqualTo(SparkRunnerProvider.DEFAULT_WARM_UP_SECONDS);
        assertThat(SparkRunnerProvider.warmUpSeconds(new SparkConf(false).set(SparkRunnerProvider.WARM_UP_SECONDS,
                "1.5"))).isEqualTo(1.5);
        for (String bad : new String[] {"3s", "-1", "NaN", "Infinity", "601"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkRunnerProvider.warmUpSeconds(
                            new SparkConf(false).set(SparkRunnerProvider.WARM_UP_SECONDS, bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(SparkRunnerProvider.WARM_UP_SECONDS).hasMessageContaining(bad)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void theExecutorsToWaitForComeFromTheMasterOrTheConfiguration() {
        assertThat(SparkJobRunner.expectedExecutors(new SparkConf(false).setMaster("local-cluster[3,1,1024]")))
                .isEqualTo(3);
        assertThat(SparkJobRunner.expectedExecutors(new SparkConf(false).setMaster("spark://h:7077")
                .set("spark.executor.instances", "4"))).isEqualTo(4);
        assertThat(SparkJobRunner.expectedExecutors(new SparkConf(false).setMaster("spark://h:7077")
                .set("spark.cores.max", "6").set("spark.executor.cores", "2"))).isEqualTo(3);
        assertThat(SparkJobRunner.expectedExecutors(new SparkConf(false).setMaster("spark://h:7077"))).isNull();
    }
}
