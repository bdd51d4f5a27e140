package org.lethe.train;

import java.nio.file.Path;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;

/**
 * Trains one shard of the {@link SisaModel} stored in {@code modelDir}, from stage {@code fromStage} (the number of
 * stages whose checkpoint is already in the directory) to the last. The ensemble is taken from the environment when
 * the process that made the job shares it, and opened from its directory otherwise.
 */
public record ShardTrainingJob(Path modelDir, int shard, int fromStage) implements Job<Void> {
    /** The key under which a process shares the open ensemble of {@code modelDir} with its shard jobs. */
    public static String sharedKey(Path modelDir) {
        return "sisa:" + modelDir.toAbsolutePath().normalize();
    }

    @Override
    public Void run(JobEnvironment environment) throws Exception {
        SisaModel model = environment.shared(sharedKey(modelDir), SisaModel.class, () -> SisaModel.open(modelDir));
        model.trainShard(shard, fromStage, environment::progress);
        return null;
    }
}
