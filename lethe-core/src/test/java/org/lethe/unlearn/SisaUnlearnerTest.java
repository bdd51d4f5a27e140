package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lethe.exec.JobRunner;
import org.lethe.exec.LocalJobRunner;
import org.lethe.store.DeletionRecord;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;

class SisaUnlearnerTest {

    private static TrainConfig config(String schedule, int warmup) {
        TrainConfig c = new TrainConfig();
        c.schedule = schedule;
        c.warmupSteps = warmup;
        c.batchSize = 32;
        c.learningRate = 0.05;
        c.seed = 11;
        return c;
    }

    @ParameterizedTest
    @CsvSource({"constant, 0", "linear, 0", "cosine, 3"})
    void deletingASubjectEqualsTrainingFromScratchWithoutIt(String schedule, int warmup, @TempDir Path tmp) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.9, 3, 10, null);
        JobRunner runner = new LocalJobRunner(2);
        SisaModel model = SisaModel.create(tmp.resolve("v1"), ModelSpec.mlp(784, 16, 10), config(schedule, warmup), data, 4, 3, 1, "mean");
        model.trainAll(runner, null);
        double accuracy = model.accuracy(data.testDataset());
        assertThat(accuracy).isGreaterThan(0.5);

        String subject = data.train.subject(0);
        DeletionRecord record = new SisaUnlearner(runner).forget(tmp.resolve("v1"),
                DeletionRequest.ofSubjects(List.of(subject)), tmp.resolve("v2"));
        assertThat(record.exact()).isTrue();
        assertThat(record.removedIds()).isNotEmpty();
        assertThat(record.hashAfter()).isNotEqualTo(record.hashBefore());
        assertThat((List<?>) record.recomputed().get("shards")).hasSize(1);

        SisaModel scratch = SisaModel.create(tmp.resolve("scratch"), ModelSpec.mlp(784, 16, 10), config(schedule, warmup),
                data.without(record.removedIds()), 4, 3, 1, "mean");
        scratch.trainAll(runner, null);
        SisaModel deleted = SisaModel.open(tmp.resolve("v2"));
        assertThat(deleted.hash()).isEqualTo(scratch.hash());
        for (int s = 0; s < 4; s++) {
            assertThat(org.lethe.nn.ParameterHash.of(deleted.loadShard(s)))
                    .isEqualTo(org.lethe.nn.ParameterHash.of(scratch.loadShard(s)));
        }
        assertThat(SisaModel.open(tmp.resolve("v1")).hash()).isEqualTo(record.hashBefore());

        DeletionRecord again = new SisaUnlearner(runner).forget(tmp.resolve("v2"),
                DeletionRequest.ofSubjects(List.of(subject)), tmp.resolve("v3"));
        assertThat(again.isNoOp()).isTrue();
        assertThat(again.alreadyDeleted()).containsExactlyInAnyOrderElementsOf(record.removedIds());
        assertThat(Files.exists(tmp.resolve("v3"))).isFalse();

        assertThatThrownBy(() -> new SisaUnlearner(runner).forget(tmp.resolve("v2"),
                DeletionRequest.ofSubjects(List.of("no-such-person")), tmp.resolve("v4")))
                .hasMessageContaining("unknown subject no-such-person");
        assertThatThrownBy(() -> new SisaUnlearner(runner).forget(tmp.resolve("v1"),
                DeletionRequest.ofSubjects(List.of(subject)), tmp.resolve("v2")))
                .hasMessageContaining("already exists");
    }

}
