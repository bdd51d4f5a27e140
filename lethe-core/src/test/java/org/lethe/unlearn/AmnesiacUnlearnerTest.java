package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.store.DeletionRecord;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

class AmnesiacUnlearnerTest {

    private static TrainingRun train(Path dir, boolean record) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.95, 5, 10, null);
        TrainConfig c = new TrainConfig();
        c.epochs = 1;
        c.batchSize = 50;
        c.seed = 8;
        c.algebra = "f64";
        c.recordUpdates = record;
        TrainingRun run = TrainingRun.create(dir, ModelSpec.mlp(784, 8, 10), c, data);
        run.train(new Trainer.Listener() { });
        return run;
    }

    private static List<String> oneExampleOfEveryBatch(TrainingRun run) {
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < run.provenance.steps(); s++) {
            ids.add(run.provenance.batchIds(s)[0]);
        }
        return ids;
    }

    @Test
    void subtractingEveryStepsUpdateReturnsToTheInitialWeights(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("v1"), true);
        // One example from every batch: every step is reverted, so the updates telescope back to the start.
        List<String> ids = oneExampleOfEveryBatch(run);
        DeletionRecord record = new AmnesiacUnlearner(0, 0).forget(tmp.resolve("v1"), DeletionRequest.ofIds(ids), tmp.resolve("v2"));
        assertThat(record.exact()).isFalse();
        assertThat(AmnesiacRecomputed.of(record).stepsReverted()).isEqualTo(run.provenance.steps());
        assertThat(AmnesiacRecomputed.of(record).updateBytesOnDisk()).isGreaterThan(0L);
        assertThat(AmnesiacRecomputed.of(record).repairSteps()).isZero();
        assertThat(AmnesiacRecomputed.of(record).repairAccuracyMet()).as("no repair target").isNull();

        TrainingRun after = TrainingRun.open(tmp.resolve("v2"));
        after.loadFinalModel();
        Module initial = run.modelSpec.build(run.algebra, run.config.seed);
        for (var e : initial.namedParameters().entrySet()) {
            Tensor got = after.model.namedParameters().get(e.getKey());
            double[] a = got.value().toDoubles();
            double[] b = e.getValue().value().toDoubles();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void theRepairFineTunesUntilRetainedAccuracyIsBackOrTheRevertedStepsAreSpent(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("v1"), true);
        List<String> ids = oneExampleOfEveryBatch(run);
        DeletionRecord record = new AmnesiacUnlearner(0, 0.95).forget(tmp.resolve("v1"), DeletionRequest.ofIds(ids),
                tmp.resolve("v2"));
        int repairSteps = AmnesiacRecomputed.of(record).repairSteps();
        // Reverting every step leaves the initial, untrained weights: the repair must fine-tune.
        assertThat(repairSteps).isPositive().isLessThanOrEqualTo(run.provenance.steps());
        // Met when it stopped early; when the whole budget was spent, the record says whether the last check passed.
        Boolean met = AmnesiacRecomputed.of(record).repairAccuracyMet();
        assertThat(met).isNotNull();
        if (repairSteps < run.provenance.steps()) {
            assertThat(met).isTrue();
        }
        assertThat(record.parameters()).containsEntry("repair_accuracy", 0.95);
    }

    @Test
    void needsRecordedUpdates(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("v1"), false);
        assertThatThrownBy(() -> new AmnesiacUnlearner(0).forget(tmp.resolve("v1"),
                DeletionRequest.ofIds(List.of(run.provenance.batchIds(0)[0])), tmp.resolve("v2")))
                .hasMessageContaining("record_updates");
    }
}
