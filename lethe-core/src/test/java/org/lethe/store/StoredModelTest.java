package org.lethe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.exec.LocalJobRunner;
import org.lethe.nn.ParameterHash;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.ReplayUnlearner;

class StoredModelTest {
    private static TrainConfig config() {
        TrainConfig c = new TrainConfig();
        c.epochs = 1;
        c.batchSize = 50;
        c.seed = 3;
        c.checkpointEvery = 20;
        return c;
    }

    @Test
    void opensRunsFilesAndEnsemblesOneWayAndListsTheVersionLine(@TempDir Path tmp) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.9, 5, 10, null);
        TrainingRun run = TrainingRun.create(tmp.resolve("digits"), ModelSpec.mlp(784, 8, 10), config(), data);
        run.train(new Trainer.Listener() { });
        String hash = ParameterHash.of(run.model);

        StoredModel byDir = StoredModel.open(tmp.resolve("digits"));
        assertThat(byDir.kind()).isEqualTo(ModelKind.RUN);
        assertThat(ParameterHash.of(byDir.loadModule())).isEqualTo(hash);
        StoredModel byFile = StoredModel.open(tmp.resolve("digits").resolve("model.safetensors"));
        assertThat(byFile.runDirectory()).isNotNull();
        assertThat(ParameterHash.of(byFile.loadModule())).isEqualTo(hash);
        assertThat(byDir.deletion()).isNull();

        List<String> subjects = data.train.distinctSubjects();
        new ReplayUnlearner(false, null).forget(tmp.resolve("digits"), DeletionRequest.ofSubjects(subjects.subList(0, 1)),
                tmp.resolve("digits-v2"));
        new ReplayUnlearner(false, null).forget(tmp.resolve("digits-v2"),
                DeletionRequest.ofSubjects(subjects.subList(1, 2)), tmp.resolve("digits-v3"));
        Files.createDirectories(tmp.resolve("digits-vx"));

        List<ModelVersion> line = StoredModel.open(tmp.resolve("digits-v2")).versions();
        assertThat(line).extracting(v -> v.directory().getFileName().toString())
                .containsExactly("digits", "digits-v2", "digits-v3");
        assertThat(line.get(0).isOriginal()).isTrue();
        assertThat(line.get(2).parent().getFileName().toString()).isEqualTo("digits-v2");
        assertThat(line.get(2).deletion().subjects()).containsExactly(subjects.get(1));
        assertThat(StoredModel.open(tmp.resolve("digits-v3")).deletion().method()).isEqualTo("replay");
        assertThat(line.get(1).deletion().modelBefore()).isEqualTo(tmp.resolve("digits").toAbsolutePath().toString());

        // A corrupt sibling is reported in its place; a directory named -v1 does not hide the original.
        Files.createDirectories(tmp.resolve("digits-v4"));
        Files.writeString(tmp.resolve("digits-v4").resolve(DeletionRecord.FILE), "{not json");
        Files.createDirectories(tmp.resolve("digits-v1"));
        List<ModelVersion> more = StoredModel.open(tmp.resolve("digits")).versions();
        assertThat(more).extracting(v -> v.directory().getFileName().toString())
                .containsExactly("digits", "digits-v1", "digits-v2", "digits-v3", "digits-v4");
        assertThat(more.get(4).unreadable()).contains(DeletionRecord.FILE);
        assertThat(more.get(4).isOriginal()).isFalse();

        SisaModel sisa = SisaModel.create(tmp.resolve("sisa"), ModelSpec.mlp(784, 8, 10), config(), data, 2, 2, 1, "mean");
        sisa.trainAll(new LocalJobRunner(1), null);
        StoredModel ensemble = StoredModel.open(tmp.resolve("sisa"));
        assertThat(ensemble.kind()).isEqualTo(ModelKind.SISA);
        assertThat(ensemble.openEnsemble().hash()).isEqualTo(sisa.hash());
        assertThatThrownBy(ensemble::loadModule).hasMessageContaining("is a SISA ensemble");
    }

    @Test
    void badPathsAreClearErrors(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> StoredModel.open(tmp.resolve("missing"))).hasMessageContaining("expected a run directory");
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> StoredModel.open(tmp.resolve("empty")))
                .hasMessageContaining("neither a run directory (config.json) nor a SISA model");
        Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> StoredModel.open(tmp.resolve("notes.txt"))).hasMessageContaining(".safetensors");
    }
}
