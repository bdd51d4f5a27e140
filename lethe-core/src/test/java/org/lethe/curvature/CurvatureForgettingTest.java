package org.lethe.curvature;

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
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.MethodContext;

class CurvatureForgettingTest {
    /** A model trained on a few digits (the rest held out) in {@code dir}. */
    private static TrainingRun trained(Path dir, ModelSpec spec, double testFraction, TrainConfig c) throws Exception {
        TrainingRun run = TrainingRun.create(dir, spec, c, PreparedData.prepare("digits", testFraction, 5, 0, null));
        run.train(new Trainer.Listener() { });
        return run;
    }

    /** {@code kfac-forget} (seed 1) of {@code ids} from the model in {@code model}, written to {@code out}. */
    private static DeletionRecord forget(Path model, List<String> ids, Path out) throws Exception {
        DeletionMethod m = DeletionMethods.named("kfac-forget");
        return m.unlearner(m.settings(Map.of("seed", 1)), MethodContext.defaults())
                .forget(model, DeletionRequest.ofIds(ids), out);
    }

    @Test
    void isRegisteredAndWritesAReproducibleVersionWithoutTheForgetSet(@TempDir Path tmp) throws Exception {
        TrainConfig c = new TrainConfig();
        c.epochs = 2;
        c.batchSize = 25;
        c.seed = 3;
        c.algebra = "f64";
        TrainingRun run = trained(tmp.resolve("m"), ModelSpec.mlp(784, 8, 10), 0.9, c);
        List<String> ids = List.of(run.data.train.id(0), run.data.train.id(3));

        DeletionRecord a = forget(tmp.resolve("m"), ids, tmp.resolve("a"));
        DeletionRecord b = forget(tmp.resolve("m"), ids, tmp.resolve("b"));
        assertThat(a.method()).isEqualTo("kfac-forget");
        assertThat(a.exact()).isFalse();
        assertThat(((Number) a.recomputed().get("dropped_pairs")).longValue()).isPositive();
        assertThat(a.hashAfter()).isNotEqualTo(a.hashBefore()).isEqualTo(b.hashAfter());
        assertThat(TrainingRun.open(tmp.resolve("a")).data.train.indexOf(ids.get(0))).isNegative();
    }

    /** On a CNN the convolutions are edited too (in their KFC eigenbases). */
    @Test
    void editsTheConvolutionsOfACnn(@TempDir Path tmp) throws Exception {
        TrainConfig c = new TrainConfig();
        c.steps = 2;
        c.batchSize = 16;
        c.seed = 3;
        TrainingRun run = trained(tmp.resolve("m"), ModelSpec.cnn(), 0.95, c);
        DeletionRecord r = forget(tmp.resolve("m"), List.of(run.data.train.id(0), run.data.train.id(1)),
                tmp.resolve("a"));
        assertThat((List<?>) r.recomputed().get("layers")).hasToString("[conv0, conv1, fc0, fc1]");
        assertThat(((Number) r.recomputed().get("dropped_pairs")).longValue()).isPositive();
    }
}
