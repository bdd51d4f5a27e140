package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateRecorderTest {
    private static TrainingRun recording(Path dir) throws Exception {
        TrainConfig c = new TrainConfig();
        c.epochs = 1;
        c.batchSize = 100;
        c.seed = 3;
        c.recordUpdates = true;
        return TrainingRun.create(dir, ModelSpec.mlp(784, 8, 10), c, PreparedData.prepare("digits", 0.9, 5, 10, null));
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void updatesRecordedWithoutForcingThemToDiskAreTheSameFiles(@TempDir Path tmp) throws Exception {
        TrainingRun forced = recording(tmp.resolve("forced"));
        forced.train(new Trainer.Listener() { });
        TrainingRun unforced = recording(tmp.resolve("unforced")).withUnforcedUpdates();
        unforced.train(new Trainer.Listener() { });
        List<Path> a = files(forced.dir.updates());
        List<Path> b = files(unforced.dir.updates());
        assertThat(a).hasSize(forced.provenance.steps()).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).getFileName()).isEqualTo(a.get(i).getFileName());
            assertThat(Files.readAllBytes(b.get(i))).isEqualTo(Files.readAllBytes(a.get(i)));
        }
    }
}
