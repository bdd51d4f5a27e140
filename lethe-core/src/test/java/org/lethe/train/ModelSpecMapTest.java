package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The architecture section of config.json: what toMap writes reads back, and a key a kind lacks is refused. */
class ModelSpecMapTest {

    @Test
    void everyKindSurvivesToMapAndTheMapConstructor() {
        for (ModelSpec spec : List.of(ModelSpec.mlp(784, 64, 10), ModelSpec.cnn(), ModelSpec.gpt(40, 16, 1, 32, 4))) {
            Map<String, Object> written = spec.toMap();
            assertThat(new ModelSpec(written).toMap()).isEqualTo(written);
        }
    }

    @Test
    void anUnknownKeyIsRefusedByName() {
        Map<String, Object> m = new LinkedHashMap<>(ModelSpec.mlp(784, 64, 10).toMap());
        m.put("hidden", List.of(64));
        assertThatThrownBy(() -> new ModelSpec(m))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hidden'")
                .hasMessageContaining("widths")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aKeyOfAnotherKindIsRefused() {
        Map<String, Object> m = new LinkedHashMap<>(ModelSpec.cnn().toMap());
        m.put("widths", List.of(784, 10));
        assertThatThrownBy(() -> new ModelSpec(m)).hasMessageContaining("cnn architecture has an unknown key 'widths'");
    }

    @Test
    void aMissingKindIsRefused() {
        assertThatThrownBy(() -> new ModelSpec(Map.of("widths", List.of(784, 10))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'kind'");
    }
}
