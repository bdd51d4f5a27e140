package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.nn.Mlp;
import org.lethe.optim.Adam;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

class BackgroundCheckpointWriterTest {

    @Test
    void writesTheSameFilesAsSavingInPlaceWhileTrainingGoesOn(@TempDir Path tmp) throws IOException {
        SafeTensorsCheckpoints inPlace = new SafeTensorsCheckpoints(tmp.resolve("in-place"));
        SafeTensorsCheckpoints behind = new SafeTensorsCheckpoints(tmp.resolve("behind"));
        Mlp a = new Mlp(Real32.INSTANCE, new Rng(3), 12, 8, 3);
        Mlp b = new Mlp(Real32.INSTANCE, new Rng(3), 12, 8, 3);
        Optimizer optA = Adam.builder(a.trainableParameters()).learningRate(0.01).build();
        Optimizer optB = Adam.builder(b.trainableParameters()).learningRate(0.01).build();
        try (BackgroundCheckpointWriter writer = new BackgroundCheckpointWriter()) {
            for (int step = 1; step <= 5; step++) {
                NoiseSteps.step(a, optA, new Rng(100 + step), 6, 12, 3);
                NoiseSteps.step(b, optB, new Rng(100 + step), 6, 12, 3);
                inPlace.save(step, a, optA);
                // Saved state is copied: the steps taken after this call must not leak into the file.
                writer.save(behind, step, b, optB);
            }
            writer.finish();
        }
        for (int step = 1; step <= 5; step++) {
            assertThat(Files.readAllBytes(behind.file(step))).isEqualTo(Files.readAllBytes(inPlace.file(step)));
        }
    }

    @Test
    void finishReportsAFailedWrite(@TempDir Path tmp) throws IOException {
        Path notADirectory = tmp.resolve("file");
        Files.writeString(notADirectory, "x");
        Mlp model = new Mlp(Real32.INSTANCE, new Rng(3), 4, 4, 2);
        Optimizer opt = Adam.builder(model.trainableParameters()).learningRate(0.01).build();
        try (BackgroundCheckpointWriter writer = new BackgroundCheckpointWriter()) {
            writer.save(new SafeTensorsCheckpoints(notADirectory.resolve("shard")), 1, model, opt);
            assertThatThrownBy(writer::finish).isInstanceOf(IOException.class);
        }
    }
}
