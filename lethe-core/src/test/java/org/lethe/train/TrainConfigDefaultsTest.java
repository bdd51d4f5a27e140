package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The settings a new run starts from, per architecture (what {@code lethe train} uses when nothing is chosen). */
class TrainConfigDefaultsTest {

    @Test
    void imageModelsTrainThreeEpochsWithSgd() {
        for (String kind : new String[] {"mlp", "cnn"}) {
            TrainConfig c = TrainConfig.defaultsFor(kind);
            assertThat(c.epochs).isEqualTo(3);
            assertThat(c.batchSize).isEqualTo(32);
            assertThat(c.optimizer).isEqualTo("sgd");
            assertThat(c.learningRate).isEqualTo(0.05);
            assertThat(c.momentum).isEqualTo(0.9);
            assertThat(c.schedule).isEqualTo("cosine");
            assertThat(c.seed).isZero();
            assertThat(c.algebra).isEqualTo("f32");
        }
        assertThat(TrainConfig.defaultLearningRate("mlp", "adam")).isEqualTo(1e-3);
    }

    @Test
    void characterGptTrainsOneEpochWithAdam() {
        TrainConfig c = TrainConfig.defaultsFor("gpt");
        assertThat(c.epochs).isEqualTo(1);
        assertThat(c.batchSize).isEqualTo(32);
        assertThat(c.optimizer).isEqualTo("adam");
        assertThat(c.learningRate).isEqualTo(1e-2);
        assertThat(c.schedule).isEqualTo("cosine");
        assertThat(TrainConfig.defaultLearningRate("gpt", "sgd")).isEqualTo(0.05);
    }

    @Test
    void architectureDefaults() {
        assertThat(ModelSpec.defaultKind(true)).isEqualTo("gpt");
        assertThat(ModelSpec.defaultKind(false)).isEqualTo("mlp");
        assertThat(ModelSpec.defaultMlpHidden()).containsExactly(256, 128);
        assertThat(new int[] {ModelSpec.DEFAULT_GPT_CONTEXT, ModelSpec.DEFAULT_GPT_LAYERS, ModelSpec.DEFAULT_GPT_WIDTH,
                ModelSpec.DEFAULT_GPT_HEADS}).containsExactly(16, 1, 32, 4);
    }
}
