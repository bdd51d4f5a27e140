package org.lethe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.exec.ClosableJobRunner;
import org.lethe.exec.LocalJobRunner;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;

class SisaOnSparkTest {
    private static SisaModel ensemble(Path dir) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.9, 5, 10, null);
        TrainConfig c = new TrainConfig();
        c.batchSize = 50;
        c.seed = 11;
        return SisaModel.create(dir, ModelSpec.mlp(784, 8, 10), c, data, 3, 2, 1, "mean");
    }

    private static String trainedLocally(Path dir) throws Exception {
        SisaModel local = ensemble(dir);
        local.trainAll(new LocalJobRunner(2), null);
        return local.hash();
    }

    @Test
    void shardsTrainedAsSparkTasksEqualTheLocalRunnersBitForBit(@TempDir Path tmp) throws Exception {
        String expected = trainedLocally(tmp.resolve("local"));
        long[] progress = {0};
        try (ClosableJobRunner spark = SparkRunners.local()) {
            ensemble(tmp.resolve("spark")).trainAll(spark, units -> progress[0] += units);
        }
        assertThat(SisaModel.open(tmp.resolve("spark")).hash()).isEqualTo(expected);
        assertThat(progress[0]).as("training steps reported back to the driver").isPositive();
    }

    @Test
    void shardsTrainedInExecutorJvmsOfALocalClusterEqualTheLocalRunners(@TempDir Path tmp) throws Exception {
        SparkJobRunner cluster = SparkRunners.cluster();
        assumeTrue(cluster != null, "no Spark folder (SPARK_HOME with jars/): run through Maven, which lays it out");
        String expected = trainedLocally(tmp.resolve("local"));
        try (cluster) {
            // The executors warm up first, as the runner the command line opens has them do: it must change nothing.
            SparkJobRunner.WarmUp warmUp = cluster.warmUpExecutors(0.3);
            assertThat(warmUp.executors()).as("executors warmed up").isEqualTo(2);
            assertThat(warmUp.steps()).as("miniature steps in the executors").isPositive();
            ensemble(tmp.resolve("spark")).trainAll(cluster, null);
        }
        assertThat(SisaModel.open(tmp.resolve("spark")).hash()).isEqualTo(expected);
    }

    @Test
    void aLocalMasterHasNoExecutorsToWarmUp() {
        try (SparkJobRunner spark = SparkRunners.local()) {
            assertThat(spark.warmUpExecutors(1.0)).isEqualTo(new SparkJobRunner.WarmUp(0, 0));
            assertThatThrownBy(() -> spark.warmUpExecutors(Double.NaN)).hasMessageContaining("seconds");
        }
    }
}
