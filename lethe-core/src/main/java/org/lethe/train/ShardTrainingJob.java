package org.lethe.train;

import java.nio.file.Path;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;

/**
 * Trains one shard of the {@link SisaModel} stored in {@code modelDir}, from stage {@code fromStage} (the number of
 * stages whose checkpoint is already in the directory) to the last. The ensemble is taken from the environment when
 * the process that made the job shares it, and opened from its directory otherwise. The directory is kept as text,
 * since a {@link Path} is not serialisable.
 *
 * @param modelDir  the ensemble's directory, absolute
 * @param shard     the shard to train
 * @param fromStage the stages already trained (their checkpoint must be present)
 */
public record ShardTrainingJob(String modelDir, int shard, int fromStage) implements Job<Void> {
    /** A job for the ensemble in {@code dir}. */
    public ShardTrainingJob(Path dir, int shard, int fromStage) {
        this(dir.toAbsolutePath().normalize().toString(), shard, fromStage);
    }

    /** The key under which a process shares the open ensemble of {@code modelDir} with its shard jobs. */
    public static String sharedKey(Path modelDir) {
        return "sisa:" + modelDir.toAbsolutePath().normalize();
    }

    @Override
    public Void run(JobEnvironment environment) throws Exception {
        Path dir = Path.of(modelDir);
        SisaModel model = environment.shared(sharedKey(dir), SisaModel.class, () -> SisaModel.open(dir));
        model.trainShard(shard, fromStage, environment::progress);
        return null;
    }
}
