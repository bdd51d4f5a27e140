package org.lethe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
    @TempDir
    Path dir;

    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-01T12:34:56.789Z"), ZoneOffset.UTC);

    private static ModelCard sample(String parent) {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("type", "mlp");
        arch.put("widths", new int[] {784, 128, 10});
        arch.put("dropout", 0.1f);
        arch.put("nested", Map.of("bias", true, "none", List.of()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("optimizer", "sgd");
        training.put("lr", 0.05);
        training.put("steps", 3_000_000_000L);
        training.put("batch", 64L);
        training.put("schedule", null);
        return ModelCard.builder().architecture(arch).training(training)
                .dataset("digits", "ab".repeat(32)).seed(-42).parentModel(parent).clock(FIXED).build();
    }

    @Test
    void roundTripsEveryField() throws IOException {
        ModelCard card = sample("runs/base.safetensors");
        Path file = dir.resolve("model.card.json");
        card.write(file);
        ModelCard back = ModelCard.read(file);
        assertThat(back.architecture()).isEqualTo(card.architecture());
        assertThat(back.training()).isEqualTo(card.training());
        assertThat(back).isEqualTo(card);
        assertThat(back.created()).isEqualTo(Instant.parse("2024-05-01T12:34:56.789Z"));
        assertThat(back.seed()).isEqualTo(-42);
        assertThat(back.parentModel()).isEqualTo("runs/base.safetensors");
        assertThat(back.architecture().get("widths")).isEqualTo(List.of(784, 128, 10));
        assertThat(back.training().get("steps")).isEqualTo(3_000_000_000L);
        assertThat(back.training().get("batch")).isEqualTo(64);
        assertThat(back.training()).containsEntry("schedule", null);
        assertThat(back.datasetName()).isEqualTo("digits");
        assertThat(back.codeVersion()).isEqualTo(CodeVersion.current());
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json).contains("\"created\" : \"2024-05-01T12:34:56.789Z\"").contains("\"format\" : \"" + ModelCard.FORMAT + "\"");
    }

    @Test
    void nullParentAndCodeVersionRoundTrip() throws IOException {
        ModelCard card = ModelCard.builder().dataset("names", "00").codeVersion("1.2.3").clock(FIXED).build();
        Path file = dir.resolve("sub/dir/c.json");
        card.write(file);
        ModelCard back = ModelCard.read(file);
        assertThat(back).isEqualTo(card);
        assertThat(back.parentModel()).isNull();
        assertThat(back.codeVersion()).isEqualTo("1.2.3");
        assertThat(back.architecture()).isEmpty();
    }

    @Test
    void codeVersionComesFromTheBuild() {
        assertThat(CodeVersion.current()).isNotBlank().doesNotContain("${");
    }

    @Test
    void cardSitsNextToTheWeights() {
        assertThat(ModelCard.cardPathFor(Path.of("out", "model.safetensors"))).isEqualTo(Path.of("out", "model.card.json"));
        assertThat(ModelCard.cardPathFor(Path.of("weights"))).isEqualTo(Path.of("weights.card.json"));
    }

    @Test
    void unsupportedValuesAreRejectedWhenBuilding() {
        assertThatThrownBy(() -> ModelCard.builder().dataset("d", "f").architecture(Map.of("x", new Object())).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("architecture.x");
        assertThatThrownBy(() -> ModelCard.builder().dataset("d", "f").training(Map.of("lr", Double.NaN)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training.lr");
        assertThatThrownBy(() -> ModelCard.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void corruptCardsNameTheFileAndProblem() throws IOException {
        Path file = dir.resolve("card.json");
        String good = sample(null).toJson();
        Files.writeString(file, good.substring(0, good.length() / 2));
        assertThatThrownBy(() -> ModelCard.read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("its JSON is malformed at line")
                .hasMessageNotContaining("end-of-input").hasMessageNotContaining("REDACTED");
        Files.writeString(file, good.replace("\"seed\"", "\"sead\""));
        assertThatThrownBy(() -> ModelCard.read(file)).hasMessageContaining("missing field seed");
        Files.writeString(file, good.replace(ModelCard.FORMAT, "other"));
        assertThatThrownBy(() -> ModelCard.read(file)).hasMessageContaining("not a Lethe model card");
        Files.writeString(file, good.replace("2024-05-01T12:34:56.789Z", "yesterday"));
        assertThatThrownBy(() -> ModelCard.read(file)).hasMessageContaining("not an ISO-8601 instant");
        Files.writeString(file, good.replace("\"name\" : \"digits\"", "\"name\" : 5"));
        assertThatThrownBy(() -> ModelCard.read(file)).hasMessageContaining("field name must be a string");
        assertThatThrownBy(() -> ModelCard.read(dir.resolve("absent.json"))).hasMessageContaining("no such file");
    }
}
