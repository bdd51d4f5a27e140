package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training section of config.json: what toMap writes reads back, and a key it never writes is refused. */
class TrainConfigMapTest {

    @Test
    void everyFieldSurvivesToMapAndFromMap() {
        TrainConfig c = new TrainConfig();
        c.algebra = "f64";
        c.epochs = 7;
        c.steps = 300;
        c.batchSize = 48;
        c.seed = 1L << 40;
        c.optimizer = "adamw";
        c.learningRate = 0.003;
        c.momentum = 0.5;
        c.nesterov = true;
        c.weightDecay = 0.01;
        c.beta1 = 0.8;
        c.beta2 = 0.99;
        c.eps = 1e-6;
        c.epsInsideSqrt = true;
        c.schedule = "linear";
        c.warmupSteps = 10;
        c.scheduleSteps = 5000;
        c.evaluateEvery = 50;
        c.checkpointEvery = 20;
        c.recordUpdates = true;
        Map<String, Object> written = c.toMap();
        assertThat(TrainConfig.fromMap(written).toMap()).isEqualTo(written);
    }

    @Test
    void aMissingKeyKeepsItsDefault() {
        TrainConfig c = TrainConfig.fromMap(Map.of("epochs", 4));
        assertThat(c.epochs).isEqualTo(4);
        assertThat(c.batchSize).isEqualTo(new TrainConfig().batchSize);
    }

    @Test
    void anUnknownKeyIsRefusedByName() {
        Map<String, Object> m = new LinkedHashMap<>(new TrainConfig().toMap());
        m.put("learning_rte", 0.1);
        assertThatThrownBy(() -> TrainConfig.fromMap(m))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'learning_rte'")
                .hasMessageContaining("learning_rate")
                .hasMessageNotContaining("\n");
    }
}
