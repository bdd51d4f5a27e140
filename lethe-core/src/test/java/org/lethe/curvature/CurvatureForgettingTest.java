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
    @Test
    void isRegisteredAndWritesAReproducibleVersionWithoutTheForgetSet(@TempDir Path tmp) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.9, 5, 0, null);
        TrainConfig c = new TrainConfig();
        c.epochs = 2;
        c.batchSize = 25;
        c.seed = 3;
        c.algebra = "f64";
        TrainingRun run = TrainingRun.create(tmp.resolve("m"), ModelSpec.mlp(784, 8, 10), c, data);
        run.train(new Trainer.Listener() { });
        List<String> ids = List.of(run.data.train.id(0), run.data.train.id(3));

        DeletionMethod m = DeletionMethods.named("kfac-forget");
        DeletionRecord a = m.unlearner(m.settings(Map.of("seed", 1)), MethodContext.defaults())
                .forget(tmp.resolve("m"), DeletionRequest.ofIds(ids), tmp.resolve("a"));
        DeletionRecord b = m.unlearner(m.settings(Map.of("seed", 1)), MethodContext.defaults())
                .forget(tmp.resolve("m"), DeletionRequest.ofIds(ids), tmp.resolve("b"));
        assertThat(a.method()).isEqualTo("kfac-forget");
        assertThat(a.exact()).isFalse();
        assertThat(((Number) a.recomputed().get("dropped_pairs")).longValue()).isPositive();
        assertThat(a.hashAfter()).isNotEqualTo(a.hashBefore()).isEqualTo(b.hashAfter());
        assertThat(TrainingRun.open(tmp.resolve("a")).data.train.indexOf(ids.get(0))).isNegative();
    }

    /** On a CNN the convolutions are edited too (in their KFC eigenbases). */
    @Test
    void editsTheConvolutionsOfACnn(@TempDir Path tmp) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.95, 5, 0, null);
        TrainConfig c = new TrainConfig();
        c.steps = 2;
        c.batchSize = 16;
        c.seed = 3;
        TrainingRun run = TrainingRun.create(tmp.resolve("m"), ModelSpec.cnn(), c, data);
        run.train(new Trainer.Listener() { });
        List<String> ids = List.of(run.data.train.id(0), run.data.train.id(1));
        DeletionMethod m = DeletionMethods.named("kfac-forget");
        DeletionRecord r = m.unlearner(m.settings(Map.of("seed", 1)), MethodContext.defaults())
                .forget(tmp.resolve("m"), DeletionRequest.ofIds(ids), tmp.resolve("a"));
        assertThat((List<?>) r.recomputed().get("layers")).hasToString("[conv0, conv1, fc0, fc1]");
        assertThat(((Number) r.recomputed().get("dropped_pairs")).longValue()).isPositive();
    }
}
