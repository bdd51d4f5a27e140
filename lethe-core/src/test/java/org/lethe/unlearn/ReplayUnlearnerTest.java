package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.nn.ParameterHash;
import org.lethe.store.DeletionRecord;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

class ReplayUnlearnerTest {

    @Test
    void replayEqualsRetrainingFromScratchOnTheReducedData(@TempDir Path tmp) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.9, 5, 10, null);
        TrainConfig c = new TrainConfig();
        c.epochs = 2;
        c.batchSize = 25;
        c.seed = 4;
        c.schedule = "linear";
        c.checkpointEvery = 8;
        TrainingRun run = TrainingRun.create(tmp.resolve("v1"), ModelSpec.mlp(784, 24, 10), c, data);
        run.train(new Trainer.Listener() { });

        // A subject whose first use is late in the first epoch, so that replay restores a checkpoint.
        String subject = null;
        int bestFirst = -1;
        for (String s : data.train.distinctSubjects()) {
            int first = run.provenance.stepsUsingSubject(s)[0];
            if (first > bestFirst) {
                bestFirst = first;
                subject = s;
            }
        }
        assertThat(bestFirst).isGreaterThan(8);
        DeletionRecord replay = new ReplayUnlearner(false, null).forget(tmp.resolve("v1"),
                DeletionRequest.ofSubjects(List.of(subject)), tmp.resolve("replayed"));
        assertThat((Integer) replay.recomputed().get("restored_after_step")).isGreaterThan(0);
        assertThat((Integer) replay.recomputed().get("restored_after_step"))
                .isLessThanOrEqualTo((Integer) replay.recomputed().get("first_affected_step"));

        DeletionRecord retrain = new ReplayUnlearner(true, null).forget(tmp.resolve("v1"),
                DeletionRequest.ofSubjects(List.of(subject)), tmp.resolve("retrained"));
        assertThat(retrain.recomputed().get("restored_after_step")).isEqualTo(0);
        assertThat(replay.hashAfter()).isEqualTo(retrain.hashAfter());
        assertThat(replay.hashAfter()).isNotEqualTo(replay.hashBefore());

        TrainingRun reopened = TrainingRun.open(tmp.resolve("replayed"));
        reopened.loadFinalModel();
        assertThat(ParameterHash.of(reopened.model)).isEqualTo(replay.hashAfter());
        assertThat(reopened.data.train.size()).isEqualTo(data.train.size() - replay.removedIds().size());
    }
}
