package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.LocalJobRunner;

class ShardTrainingJobTest {
    // What a runner in another process does: receive the job as bytes, share nothing, open the ensemble itself.
    private static ShardTrainingJob shipped(ShardTrainingJob job) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(job);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ShardTrainingJob) in.readObject();
        }
    }

    @Test
    void aShardJobShippedAsBytesTrainsTheSameShardAsTheLocalRunner(@TempDir Path tmp) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.9, 5, 10, null);
        TrainConfig c = new TrainConfig();
        c.batchSize = 50;
        c.seed = 11;
        SisaModel local = SisaModel.create(tmp.resolve("local"), ModelSpec.mlp(784, 8, 10), c, data, 2, 2, 1, "mean");
        local.trainAll(new LocalJobRunner(2), null);

        SisaModel remote = SisaModel.create(tmp.resolve("remote"), ModelSpec.mlp(784, 8, 10), c.copy(), data, 2, 2, 1,
                "mean");
        for (int shard = 0; shard < 2; shard++) {
            shipped(new ShardTrainingJob(remote.dir, shard, 0)).run(JobEnvironment.empty());
        }
        assertThat(SisaModel.open(tmp.resolve("remote")).hash()).isEqualTo(local.hash());
    }
}
