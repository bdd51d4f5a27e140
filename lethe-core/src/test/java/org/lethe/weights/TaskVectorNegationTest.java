package org.lethe.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.store.DeletionRecord;
import org.lethe.train.Evaluation;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.MethodContext;
import org.lethe.unlearn.Unlearner;

class TaskVectorNegationTest {
    @Test
    void isRegisteredThroughItsProvider() {
        assertThat(DeletionMethods.named("task-vector")).isSameAs(TaskVectorNegation.METHOD);
        assertThat(TaskVectorNegation.METHOD.exact()).isFalse();
    }

    @Test
    void removesAClassAtTheOutputAndRepeatsWithItsSeed(@TempDir Path tmp) throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.5, 5, 0, null);
        TrainConfig c = new TrainConfig();
        c.epochs = 2;
        c.batchSize = 32;
        c.seed = 3;
        TrainingRun run = TrainingRun.create(tmp.resolve("m"), ModelSpec.mlp(784, 32, 10), c, data);
        run.train(new Trainer.Listener() { });
        List<String> zeros = new ArrayList<>();
        for (int i = 0; i < run.data.train.size(); i++) {
            if (run.data.trainDataset().label(i) == 0) {
                zeros.add(run.data.train.id(i));
            }
        }
        DeletionRecord a = forget(tmp.resolve("m"), zeros, tmp.resolve("a"), 1);
        DeletionRecord b = forget(tmp.resolve("m"), zeros, tmp.resolve("b"), 1);
        assertThat(a.method()).isEqualTo("task-vector");
        assertThat(a.hashAfter()).isEqualTo(b.hashAfter()).isNotEqualTo(a.hashBefore());
        assertThat((Double) a.recomputed().get("lambda")).isPositive();

        TrainingRun after = TrainingRun.open(tmp.resolve("a"));
        after.loadFinalModel();
        var test = run.data.testDataset();
        int[] zerosTest = KeyTraining.withLabels(test, 0);
        int[] others = KeyTraining.withLabels(test, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        double before0 = Evaluation.classifier((org.lethe.nn.Layer) run.model, test.select(zerosTest), null, run.algebra).get("accuracy");
        double after0 = Evaluation.classifier((org.lethe.nn.Layer) after.model, test.select(zerosTest), null, run.algebra).get("accuracy");
        double beforeRest = Evaluation.classifier((org.lethe.nn.Layer) run.model, test.select(others), null, run.algebra).get("accuracy");
        double afterRest = Evaluation.classifier((org.lethe.nn.Layer) after.model, test.select(others), null, run.algebra).get("accuracy");
        assertThat(after0).isLessThan(before0 / 2);
        assertThat(afterRest).isGreaterThan(0.9 * beforeRest);
    }

    private static DeletionRecord forget(Path from, List<String> ids, Path to, int seed) throws Exception {
        DeletionMethod m = DeletionMethods.named("task-vector");
        Unlearner u = m.unlearner(m.settings(Map.of("seed", seed)), MethodContext.defaults());
        return u.forget(from, DeletionRequest.ofIds(ids), to);
    }
}
