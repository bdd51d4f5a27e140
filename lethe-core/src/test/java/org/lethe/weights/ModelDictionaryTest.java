package org.lethe.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.data.ImageDatasets;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.train.TrainingRun;

class ModelDictionaryTest {
    @TempDir
    Path dir;

    @Test
    void insertRemoveScaleAndUndoAreExact() throws Exception {
        Path base = dir.resolve("base");
        TrainingRun run = TrainingRun.create(base, ModelSpec.mlp(784, 16, 10), config(), data());
        ModelDictionary d = ModelDictionary.create(dir.resolve("dict"), base);
        String empty = d.compose().hash();
        assertThat(empty).isEqualTo(WeightSet.of(run.model).hash());

        WeightSet theta0 = d.base();
        WeightSet low = WeightSet.of(KeyTraining.train(ModelSpec.mlp(784, 16, 10), theta0, ImageDatasets.digits(),
                KeyTraining.withLabels(ImageDatasets.digits(), 0, 1, 2, 3, 4), config()));
        d.insert("low", TaskVector.between("low", theta0, low), "test", 1.0);
        WeightSet composed = d.compose();
        String withLow = composed.hash();
        // theta_0 + 1 * (theta - theta_0) equals theta up to float rounding.
        assertThat(composed.subtract(low).norm()).isLessThan(1e-5 * low.norm());
        d.scale("low", 0.5);
        d.remove("low");
        assertThat(d.compose().hash()).isEqualTo(empty);
        d.undo();
        d.undo();
        assertThat(ModelDictionary.open(dir.resolve("dict")).compose().hash()).isEqualTo(withLow);
        d.undo();
        assertThat(d.compose().hash()).isEqualTo(empty);
        assertThat(d.names()).isEmpty();
        assertThatThrownBy(d::undo).hasMessageContaining("nothing to undo");
        assertThatThrownBy(() -> d.remove("low")).hasMessageContaining("no active key 'low'");
    }

    @Test
    void aKeyFromAnotherInitialisationIsRefused() throws Exception {
        Path base = dir.resolve("base");
        TrainingRun.create(base, ModelSpec.mlp(784, 16, 10), config(), data());
        TrainConfig other = config();
        other.seed = 99;
        Path stranger = dir.resolve("stranger");
        TrainingRun.create(stranger, ModelSpec.mlp(784, 16, 10), other, data());
        ModelDictionary d = ModelDictionary.create(dir.resolve("dict"), base);
        assertThatThrownBy(() -> d.insert("x", stranger, 1)).hasMessageStartingWith("mismatched base");
    }

    private static TrainConfig config() {
        TrainConfig c = TrainConfig.defaultsFor("mlp");
        c.steps = 20;
        c.seed = 5;
        return c;
    }

    private static PreparedData data() throws Exception {
        return PreparedData.prepare("digits", 0.2, 1, 0, null);
    }
}
