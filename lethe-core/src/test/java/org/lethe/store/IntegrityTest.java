package org.lethe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.DamagedModelFileException;
import org.lethe.nn.ParameterHash;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

/** The parameter hash a model file or checkpoint recorded is checked on every load; a mismatch names the file. */
class IntegrityTest {
    // Flips one bit of the first byte of tensor data: just past the 8-byte length and the JSON header.
    private static void flipFirstDataByte(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        bytes[(int) (8 + headerLength) + 1] ^= 0x01;
        Files.write(file, bytes);
    }

    @Test
    void aFlippedByteInAModelOrCheckpointIsAnErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        TrainConfig c = new TrainConfig();
        c.epochs = 1;
        c.batchSize = 50;
        c.seed = 3;
        c.checkpointEvery = 5;
        TrainingRun run = TrainingRun.create(tmp.resolve("m"), ModelSpec.mlp(784, 4, 10), c,
                PreparedData.prepare("digits", 0.95, 5, 0, null));
        run.train(new Trainer.Listener() { });
        String hash = ParameterHash.of(run.model);
        assertThat(ParameterHash.of(StoredModel.open(tmp.resolve("m")).loadModule())).isEqualTo(hash);

        Path weights = tmp.resolve("m").resolve("model.safetensors");
        flipFirstDataByte(weights);
        assertThatThrownBy(() -> StoredModel.open(tmp.resolve("m")).loadModule())
                .isInstanceOf(DamagedModelFileException.class)
                .hasMessageStartingWith(weights.toString())
                .hasMessageContaining("damaged or was altered");

        TrainingRun reopened = TrainingRun.open(tmp.resolve("m"));
        Path checkpoint = reopened.dir.checkpoints().file(5);
        flipFirstDataByte(checkpoint);
        assertThatThrownBy(() -> reopened.dir.checkpoints().load(5, reopened.model, reopened.optimizer))
                .isInstanceOf(DamagedModelFileException.class)
                .hasMessageStartingWith(checkpoint.toString());
    }
}
