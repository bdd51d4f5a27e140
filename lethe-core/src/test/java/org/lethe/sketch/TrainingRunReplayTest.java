package org.lethe.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Series;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

class TrainingRunReplayTest {

    private static TrainingRunReplay trainedRun(Path root, String source, ModelSpec spec, String optimizer) throws Exception {
        PreparedData data = PreparedData.prepare(source, source.equals("digits") ? 0.9 : 0.998, 5, 5, null);
        TrainConfig c = new TrainConfig();
        c.algebra = "f64";
        c.epochs = 2;
        c.batchSize = source.equals("digits") ? 25 : 4;
        c.seed = 4;
        c.optimizer = optimizer;
        c.learningRate = optimizer.equals("adam") ? 0.01 : 0.05;
        c.schedule = "linear";
        TrainingRun run = TrainingRun.create(root, spec, c, data);
        run.train(new Trainer.Listener() { });
        return TrainingRunReplay.open(root);
    }

    @Test
    void unweightedReplayOfAClassifierRunReproducesItsModel(@TempDir Path tmp) throws Exception {
        TrainingRunReplay replay = trainedRun(tmp.resolve("run"), "digits", ModelSpec.mlp(784, 16, 10), "sgd");
        Module model = replay.train(Real64.INSTANCE, LossWeights.none(), null);
        TrainingRun run = TrainingRun.open(tmp.resolve("run"));
        run.loadFinalModel();
        for (Map.Entry<String, Tensor> e : run.model.namedParameters().entrySet()) {
            assertThat(model.namedParameters().get(e.getKey()).value().toDoubles()).as(e.getKey())
                    .isEqualTo(e.getValue().value().toDoubles());
        }
    }

    @Test
    void exactDirectionOfASubjectMatchesTheDerivativeOfRetraining(@TempDir Path tmp) throws Exception {
        TrainingRunReplay replay = trainedRun(tmp.resolve("run"), "digits", ModelSpec.mlp(784, 16, 10), "adam");
        String subject = replay.run().data.train.distinctSubjects().get(3);
        int[] deleted = replay.indicesOfSubject(subject);
        assertThat(deleted).hasSize(5);
        String probe = replay.run().data.test.id(0);
        Measurement m = replay.measurement("example:" + probe);
        TaylorSeries series = DeletionSketch.exactDirection(replay, deleted, 2, m, null);
        java.util.function.DoubleUnaryOperator retrained = w -> m.evaluate(replay.train(Real64.INSTANCE,
                LossWeights.deleting(deleted, replay.exampleCount(), w), null)).item();
        double h = 1e-5;
        double numeric = (retrained.applyAsDouble(h) - retrained.applyAsDouble(-h)) / (2 * h);
        assertThat(series.re(0)).isEqualTo(retrained.applyAsDouble(0));
        assertThat(series.re(1)).isCloseTo(numeric, Offset.offset(1e-5 * Math.abs(numeric) + 1e-9));
        assertThat(Math.abs(numeric)).as("deleting a subject moves the loss").isGreaterThan(1e-6);
    }

    @Test
    void languageModelRunsWeightWholeDocuments(@TempDir Path tmp) throws Exception {
        TrainingRunReplay replay = trainedRun(tmp.resolve("run"), "names", ModelSpec.gpt(27, 16, 1, 8, 2), "adam");
        assertThat(replay.exampleCount()).isGreaterThan(20);
        int[] deleted = {0, 3};
        Measurement m = replay.measurement("text:anna");
        TaylorSeries series = DeletionSketch.exactDirection(replay, deleted, 1, m, null);
        double h = 1e-5;
        double up = m.evaluate(replay.train(Real64.INSTANCE, LossWeights.deleting(deleted, replay.exampleCount(), h), null)).item();
        double down = m.evaluate(replay.train(Real64.INSTANCE, LossWeights.deleting(deleted, replay.exampleCount(), -h), null)).item();
        double numeric = (up - down) / (2 * h);
        assertThat(series.re(1)).isCloseTo(numeric, Offset.offset(1e-5 * Math.abs(numeric) + 1e-9));
        // A sketch built on the run evaluates the same measurement.
        DeletionSketch sketch = DeletionSketch.builder(replay).directions(2).order(1).seed(1).measure(m).build();
        assertThat(sketch.coefficients("text:anna")[0].re(0)).isEqualTo(series.re(0));
        Module direction = replay.train(Series.of(1), sketch.direction(0).lossWeights(), null);
        assertThat(TaylorSeries.of(m.evaluate(direction)).re(1)).isEqualTo(sketch.coefficients("text:anna")[0].re(1));
    }

    @Test
    void unknownIdsSubjectsAndMeasurementsAreClearErrors(@TempDir Path tmp) throws Exception {
        TrainingRunReplay replay = trainedRun(tmp.resolve("run"), "digits", ModelSpec.mlp(784, 8, 10), "sgd");
        assertThatThrownBy(() -> replay.indicesOf(java.util.List.of("nope"))).hasMessageContaining("nope");
        assertThatThrownBy(() -> replay.indicesOfSubject("nobody")).hasMessageContaining("nobody");
        assertThatThrownBy(() -> replay.measurement("text:abc")).hasMessageContaining("language model");
        assertThatThrownBy(() -> replay.measurement("loss")).hasMessageContaining("example:ID");
        assertThatThrownBy(() -> replay.measurement("example:missing")).hasMessageContaining("missing");
    }
}
