package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.JsonFiles;

/**
 * The bytes of a run's config.json and provenance.json and of an ensemble's sisa.json, against files written by the
 * code before these documents were records: renaming, reordering or retyping a key must be a deliberate change of
 * the expected file, since stored models are read back by later versions.
 */
class DescriptionGoldenTest {
    @TempDir
    Path tmp;

    private static final DataDescription DATA = new DataDescription("digits", 0.2, 7, 5, null, 8000, 2000, "f00d",
            null);

    @Test
    void provenanceIsWrittenAsBefore() throws Exception {
        ProvenanceLog log = new ProvenanceLog(new String[] {"a", "b", "c"}, new String[] {"s1", null, "s2"}, 3L, 2, 1,
                0);
        new RunDirectory(tmp).writeProvenance(log);
        assertThat(text(tmp.resolve("provenance.json"))).isEqualTo(golden("provenance.json"));
        ProvenanceLog back = new RunDirectory(tmp).readProvenance();
        assertThat(back.ids()).containsExactly("a", "b", "c");
        assertThat(back.subjects()).containsExactly("s1", null, "s2");
        assertThat(back.steps()).isEqualTo(log.steps());
    }

    @Test
    void runDescriptionIsWrittenAsBeforeAndReadsBack() throws Exception {
        TrainConfig config = TrainConfig.defaultsFor("mlp");
        config.seed = 3;
        RunDirectory dir = new RunDirectory(tmp);
        dir.writeConfig(new RunDescription(ModelSpec.mlp(4, 3, 2), config, DATA));
        assertThat(text(dir.config())).isEqualTo(golden("run-config.json"));
        RunDescription back = dir.readConfig();
        assertThat(back.data()).isEqualTo(DATA);
        assertThat(back.training().toMap()).isEqualTo(config.toMap());
        dir.writeConfig(back);
        assertThat(text(dir.config())).isEqualTo(golden("run-config.json"));
    }

    @Test
    void sisaDescriptionIsWrittenAsBeforeAndReadsBack() throws Exception {
        SisaDescription d = new SisaDescription(3, 2, 1, "vote", ModelSpec.gpt(30, 16, 1, 32, 4),
                TrainConfig.defaultsFor("gpt"), DATA.withExcludedIds(List.of("digits-0", "digits-5")));
        Path file = tmp.resolve("sisa.json");
        JsonFiles.write(file, d);
        assertThat(text(file)).isEqualTo(golden("sisa.json"));
        SisaDescription back = JsonFiles.read(file, SisaDescription.class, false);
        assertThat(back.data().excluded()).containsExactly("digits-0", "digits-5");
        JsonFiles.write(file, back);
        assertThat(text(file)).isEqualTo(golden("sisa.json"));
    }

    @Test
    void anUnknownKeyIsRefusedOnOneLineNamingTheFile() throws Exception {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, golden("run-config.json").replace("\"split_seed\"", "\"split_sed\" : 1,\n    \"split_seed\""));
        assertThatThrownBy(() -> new RunDirectory(tmp).readConfig())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("split_sed")
                .hasMessageNotContaining("\n");
        // A renamed key is missing under its own name: the message names that.
        Files.writeString(file, golden("run-config.json").replace("\"split_seed\"", "\"split_sed\""));
        assertThatThrownBy(() -> new RunDirectory(tmp).readConfig())
                .hasMessageContaining(file.toString())
                .hasMessageContaining("split_seed")
                .hasMessageNotContaining("\n");
        Files.writeString(file, golden("run-config.json").replace("\"dropout\"", "\"drop\""));
        assertThatThrownBy(() -> new RunDirectory(tmp).readConfig())
                .hasMessageContaining(file.toString())
                .hasMessageContaining("mlp architecture has an unknown key 'drop'")
                .hasMessageNotContaining("\n");
        Files.writeString(tmp.resolve("provenance.json"), golden("provenance.json").replace("\"epochs\"", "\"epoch\""));
        assertThatThrownBy(() -> new RunDirectory(tmp).readProvenance())
                .hasMessageContaining(tmp.resolve("provenance.json").toString())
                .hasMessageContaining("epoch")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingSectionIsRefused() throws Exception {
        Path file = tmp.resolve("sisa.json");
        String text = golden("sisa.json");
        Files.writeString(file, text.substring(0, text.indexOf(",\n  \"architecture\"")) + "\n}");
        assertThatThrownBy(() -> JsonFiles.read(file, SisaDescription.class, false))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("architecture");
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static String golden(String name) throws IOException {
        try (var in = DescriptionGoldenTest.class.getResourceAsStream("golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
