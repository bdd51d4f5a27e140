package org.lethe.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.JsonFiles;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;

class SketchIndexTest {
    private static SketchIndex sample() {
        SketchIndex.Coefficients c = new SketchIndex.Coefficients(List.of(new double[] {1, 2}, new double[] {3, 4}),
                List.of(new double[] {0, 0.5}, new double[] {0, -0.5}));
        return new SketchIndex(DeletionSketch.FORMAT, 10, 1, 2, 7, SketchIndex.DIRECTION_SCHEME, false, 1.5,
                new double[] {0.7, 0.8}, new SketchSource("test", null, null, null, null, null, null, null),
                Map.of("loss", c));
    }

    @Test
    void writtenAndReadBackGiveTheSameSeries(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(DeletionSketch.INDEX_FILE);
        JsonFiles.write(file, sample());
        SketchIndex back = JsonFiles.read(file, SketchIndex.class, false);
        assertThat(back.seed()).isEqualTo(7);
        assertThat(back.directionSeconds()).containsExactly(0.7, 0.8);
        TaylorSeries[] loss = back.series().get("loss");
        assertThat(loss[1].realParts()).containsExactly(3, 4);
        assertThat(loss[1].imaginaryParts()).containsExactly(0, -0.5);
        assertThat(Files.readString(file)).contains("\"direction_scheme\"", "\"build_seconds\" : 1.5");
    }

    @Test
    void aBrokenIndexIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(DeletionSketch.INDEX_FILE);
        JsonFiles.write(file, sample());
        String json = Files.readString(file);
        Files.writeString(file, json.replace(DeletionSketch.FORMAT, "lethe.sketch.v0"));
        assertThatThrownBy(() -> JsonFiles.read(file, SketchIndex.class, false)).hasMessageContaining(file.toString())
                .hasMessageContaining("not a sketch index");
        Files.writeString(file, json.replace("\"order\" : 1", "\"order\" : 2"));
        assertThatThrownBy(() -> JsonFiles.read(file, SketchIndex.class, false)).hasMessageContaining("rows need 3");
        Files.writeString(file, json.replace("\"seed\" : 7,", ""));
        assertThatThrownBy(() -> JsonFiles.read(file, SketchIndex.class, false)).hasMessageContaining("seed");
    }

    @Test
    void eachKindOfSourceIsWrittenAsItsMapWasAndReadsBack(@TempDir Path dir) throws IOException {
        ModelSpec spec = ModelSpec.cnn();
        TrainConfig config = new TrainConfig();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("kind", "run");
        run.put("run", "/runs/a");
        run.put("architecture", spec.toMap());
        run.put("training", config.toMap());
        run.put("train_fingerprint", "f00d");
        SketchSource ofRun = SketchSource.ofRun("/runs/a", spec, config, "f00d");
        assertThat(JsonFiles.line(ofRun)).isEqualTo(JsonFiles.line(run));
        Map<String, Object> gpt = new LinkedHashMap<>();
        gpt.put("kind", "microgpt");
        gpt.put("documents", 100);
        gpt.put("steps", 50);
        gpt.put("seed", 42L);
        assertThat(JsonFiles.line(SketchSource.ofMicroGpt(100, 50, 42))).isEqualTo(JsonFiles.line(gpt));
        assertThat(JsonFiles.line(SketchSource.NONE)).isEqualTo("{}");
        Path file = dir.resolve("source.json");
        JsonFiles.write(file, ofRun);
        SketchSource back = JsonFiles.read(file, SketchSource.class, false);
        assertThat(back.run()).isEqualTo("/runs/a");
        assertThat(back.training().toMap()).isEqualTo(config.toMap());
    }
}
