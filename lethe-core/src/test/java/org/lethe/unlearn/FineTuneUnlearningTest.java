package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.store.DeletionRecord;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

class FineTuneUnlearningTest {

    private static TrainingRun train(Path dir) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.95, 5, 10, null);
        TrainConfig c = new TrainConfig();
        c.epochs = 2;
        c.batchSize = 25;
        c.seed = 8;
        c.algebra = "f64";
        TrainingRun run = TrainingRun.create(dir, ModelSpec.mlp(784, 8, 10), c, data);
        run.train(new Trainer.Listener() { });
        return run;
    }

    private static DeletionRecord forget(Path from, List<String> ids, Path to, int seed) throws Exception {
        DeletionMethod m = DeletionMethods.named("finetune");
        Unlearner u = m.unlearner(m.settings(Map.of("seed", seed, "steps_fraction", 0.5)), MethodContext.defaults());
        return u.forget(from, DeletionRequest.ofIds(ids), to);
    }

    @Test
    void writesANewVersionWithoutTheForgetSetThatTheSameSeedReproduces(@TempDir Path tmp) throws Exception {
        TrainingRun run = train(tmp.resolve("m"));
        List<String> ids = List.of(run.data.train.id(0), run.data.train.id(5));
        DeletionRecord a = forget(tmp.resolve("m"), ids, tmp.resolve("a"), 1);
        DeletionRecord b = forget(tmp.resolve("m"), ids, tmp.resolve("b"), 1);
        DeletionRecord c = forget(tmp.resolve("m"), ids, tmp.resolve("c"), 2);

        assertThat(a.exact()).isFalse();
        assertThat(a.method()).isEqualTo("finetune");
        assertThat(a.parameters()).containsEntry("seed", 1);
        int expectedSteps = (int) Math.round(0.5 * run.provenance.steps());
        assertThat(a.recomputed()).containsEntry("fine_tune_steps", expectedSteps)
                .containsEntry("optimizer_steps", expectedSteps);
        assertThat(a.hashAfter()).isNotEqualTo(a.hashBefore());
        assertThat(b.hashAfter()).isEqualTo(a.hashAfter());
        assertThat(c.hashAfter()).isNotEqualTo(a.hashAfter());

        TrainingRun after = TrainingRun.open(tmp.resolve("a"));
        assertThat(after.data.train.indexOf(ids.get(0))).isNegative();
        // Forgetting the same examples again from the new version is a no-op.
        DeletionRecord again = forget(tmp.resolve("a"), ids, tmp.resolve("d"), 1);
        assertThat(again.removedIds()).isEmpty();
        assertThat(tmp.resolve("d")).doesNotExist();
    }
}
