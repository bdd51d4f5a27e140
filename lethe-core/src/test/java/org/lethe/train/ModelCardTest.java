package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.CodeVersion;

/**
 * The model card against cards written by the code before it was a record (the golden files): stored models are
 * read back by later versions, so renaming, reordering or retyping a key must be a deliberate change of those files.
 */
class ModelCardTest {
    @TempDir
    Path dir;

    @Test
    void aTrainedModelsCardReadsBackToTheSameBytes() throws IOException {
        ModelCard card = readGolden("model-card.json");
        assertThat(card.created()).isEqualTo(Instant.parse("2024-05-01T12:34:56.789Z"));
        assertThat(card.codeVersion()).isEqualTo("0.1.0");
        assertThat(card.seed()).isEqualTo(3);
        assertThat(card.parentModel()).isNull();
        assertThat(card.dataset()).isEqualTo(new ModelCard.Dataset("digits", "f00d"));
        assertThat(card.architecture().toMap()).isEqualTo(ModelSpec.mlp(4, 3, 2).toMap());
        assertThat(card.training().algebra()).isEqualTo("f32");
        assertThat(card.training().config().toMap()).isEqualTo(goldenConfig().toMap());
        assertWritesBack(card, "model-card.json");
    }

    @Test
    void anImportedModelsCardHoldsOnlyTheAlgebraAndReadsBackToTheSameBytes() throws IOException {
        ModelCard card = readGolden("imported-model-card.json");
        assertThat(card.parentModel()).isEqualTo("torch/classifier.safetensors");
        assertThat(card.architecture().kind()).isEqualTo("cnn");
        assertThat(card.training().algebra()).isEqualTo("f32");
        assertThat(card.training().config()).isNull();
        assertWritesBack(card, "imported-model-card.json");
    }

    @Test
    void theCardsThisCodeWritesAreTheGoldenOnes() throws IOException {
        ModelCard trained = new ModelCard(Instant.parse("2024-05-01T12:34:56.789Z"), "0.1.0", 3, null,
                new ModelCard.Dataset("digits", "f00d"), ModelSpec.mlp(4, 3, 2), ModelCard.Training.of(goldenConfig()));
        assertThat(trained.toJson()).isEqualTo(golden("model-card.json"));
        ModelCard imported = new ModelCard(Instant.parse("2024-05-02T08:00:00Z"), "0.1.0", 0,
                "torch/classifier.safetensors", new ModelCard.Dataset("unknown", "unknown"), ModelSpec.cnn(),
                ModelCard.Training.algebraOnly("f32"));
        assertThat(imported.toJson()).isEqualTo(golden("imported-model-card.json"));
    }

    @Test
    void aNewCardIsStampedWithTheCodeAndKeepsItsOwnCopyOfTheConfiguration() throws IOException {
        TrainConfig config = TrainConfig.defaultsFor("gpt");
        ModelCard card = ModelCard.now(-42, "runs/base.safetensors", new ModelCard.Dataset("names", "00"),
                ModelSpec.gpt(30, 16, 1, 32, 4), ModelCard.Training.of(config));
        config.epochs = 99;
        card.training().config().epochs = 98;
        assertThat(card.training().config().epochs).isEqualTo(1);
        assertThat(card.codeVersion()).isEqualTo(CodeVersion.current());
        Path file = dir.resolve("sub/dir/model.card.json");
        card.write(file);
        ModelCard back = ModelCard.read(file);
        assertThat(back.toJson()).isEqualTo(card.toJson()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(back.seed()).isEqualTo(-42);
        assertThat(back.created()).isEqualTo(card.created());
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
    void aMissingOrUnknownFieldIsRefusedOnOneLineNamingTheFileAndTheField() throws IOException {
        String good = golden("model-card.json");
        assertRefused(good.replace("\"seed\" : 3,", "\"sead\" : 3,"), "seed");
        assertRefused(good.replace("\"seed\" : 3,", "\"seed\" : 3,\n  \"seeds\" : 3,"), "seeds");
        assertRefused(good.replace("\"parent_model\" : null,\n", ""), "parent_model");
        assertRefused(good.replace("\"fingerprint\" : \"f00d\"", "\"fingerprnt\" : \"f00d\""), "fingerprint");
        assertRefused(good.replace("\"momentum\"", "\"momentun\""), "unknown key 'momentun'");
        assertRefused(good.replace("\"dropout\"", "\"drop\""), "unknown key 'drop'");
        assertRefused(good.replace("\"seed\" : 3,", "\"seed\" : \"three\","), "at seed");
        assertRefused(good.replace("\"code_version\" : \"0.1.0\"", "\"code_version\" : null"), "needs code_version");
        assertRefused(good.replace(ModelCard.FORMAT, "other"), "not a Lethe model card");
        assertRefused(good.replace("\"format\" : \"" + ModelCard.FORMAT + "\",\n", ""), "format");
        assertRefused(good.replace("2024-05-01T12:34:56.789Z", "yesterday"), "at created");
    }

    @Test
    void aDamagedOrAbsentFileIsNamedInLethesWords() throws IOException {
        Path file = dir.resolve("card.json");
        String good = golden("model-card.json");
        Files.writeString(file, good.substring(0, good.length() / 2));
        assertThatThrownBy(() -> ModelCard.read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("its JSON is malformed at line")
                .hasMessageNotContaining("end-of-input");
        assertThatThrownBy(() -> ModelCard.read(dir.resolve("absent.json"))).hasMessageContaining("no such file");
    }

    @Test
    void aTrainingSectionsAlgebraMustMatchItsConfiguration() {
        TrainConfig config = new TrainConfig();
        assertThatThrownBy(() -> new ModelCard.Training("f64", config)).hasMessageContaining("f64");
        assertThat(new ModelCard.Training(null, config).algebra()).isEqualTo("f32");
        assertThat(ModelCard.Training.algebraOnly(null).toMap()).isEmpty();
    }

    private void assertRefused(String text, String fragment) throws IOException {
        Path file = dir.resolve("model.card.json");
        Files.writeString(file, text);
        assertThatThrownBy(() -> ModelCard.read(file)).as(fragment).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(fragment).hasMessageNotContaining("\n");
    }

    private void assertWritesBack(ModelCard card, String name) throws IOException {
        assertThat(card.toJson()).isEqualTo(golden(name));
        Path file = dir.resolve("again.card.json");
        card.write(file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(golden(name));
    }

    private ModelCard readGolden(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, golden(name));
        return ModelCard.read(file);
    }

    private static TrainConfig goldenConfig() {
        TrainConfig config = TrainConfig.defaultsFor("mlp");
        config.seed = 3;
        return config;
    }

    private static String golden(String name) throws IOException {
        return DescriptionGoldenTest.golden(name);
    }
}
