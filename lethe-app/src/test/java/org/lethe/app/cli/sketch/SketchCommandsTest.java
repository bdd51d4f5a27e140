package org.lethe.app.cli.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.data.TextCorpus;

/** Sketches of tiny runs (an MLP on the digits, a GPT on a few names) and a small reference reproduction. */
class SketchCommandsTest {
    @TempDir
    static Path tmp;
    static Path mlpRun;
    static Path mlpSketch;
    static JsonNode built;

    @BeforeAll
    static void trainAndSketch() {
        mlpRun = tmp.resolve("mlp");
        Cli.ok("train", "--data", "digits", "--hidden", "8", "--epochs", "1", "--batch-size", "64", "--test-fraction", "0.9",
                "--subjects-per", "10", "--out", mlpRun.toString(), "--json");
        mlpSketch = tmp.resolve("mlp-sketch");
        built = Cli.ok("sketch", "build", "--model", mlpRun.toString(), "--directions", "4", "--order", "2", "--seed", "3",
                "--measure", "example:digits-3", "--out", mlpSketch.toString(), "--json").json();
    }

    @Test
    void buildWritesTheIndexAndOneParameterFilePerDirection() {
        assertThat(Cli.keys(built)).containsExactly("sketch", "run", "examples", "directions", "order", "seed",
                "measurements", "parameters", "build_seconds", "bytes");
        assertThat(built.get("seed").asLong()).isEqualTo(3);
        assertThat(built.get("directions").asInt()).isEqualTo(4);
        assertThat(built.get("order").asInt()).isEqualTo(2);
        assertThat(built.get("examples").asInt()).isEqualTo(1000);
        assertThat(built.get("measurements").get(0).asText()).isEqualTo("example:digits-3");
        assertThat(built.get("parameters").asBoolean()).isTrue();
        assertThat(mlpSketch.resolve("sketch.json")).isRegularFile();
        for (int j = 0; j < 4; j++) {
            assertThat(mlpSketch.resolve(String.format("directions/direction-%06d.safetensors", j))).isRegularFile();
        }
        // 4 directions x 6,370 parameters x 3 orders x (re, im) x 8 bytes, plus headers and the index.
        assertThat(built.get("bytes").asLong()).isBetween(4L * 6_370 * 3 * 2 * 8, 4L * 6_370 * 3 * 2 * 8 + 200_000);
    }

    @Test
    void predictsStoredAndNewMeasurementsForASubject() {
        JsonNode p = Cli.ok("sketch", "predict", "--sketch", mlpSketch.toString(), "--subject", "subject-0002",
                "--weight", "0.5,1", "--measure", "example:digits-3", "--measure", "example:digits-7", "--json").json();
        assertThat(p.get("deleted_examples").asInt()).isEqualTo(10);
        assertThat(Cli.keys(p)).containsExactly("sketch", "deleted_examples", "directions", "order", "predictions",
                "standard_error_exceeds_change");
        assertThat(Cli.keys(p.at("/predictions/0"))).containsExactly("measurement", "weight", "directions", "groups",
                "estimate", "standard_error", "median_of_means", "degree_estimates", "degree_standard_errors",
                "degree_median_of_means", "terms", "term_standard_errors");
        JsonNode rows = p.get("predictions");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("measurement").asText()).isEqualTo("example:digits-3");
        assertThat(rows.get(0).get("weight").asDouble()).isEqualTo(0.5);
        assertThat(rows.get(2).get("measurement").asText()).isEqualTo("example:digits-7");
        for (JsonNode row : rows) {
            assertThat(row.get("estimate").asDouble()).isPositive();
            assertThat(row.get("standard_error").asDouble()).isPositive();
            assertThat(row.get("degree_estimates")).hasSize(3);
        }
        // Term r of a partial deletion is w^r times the full deletion's.
        assertThat(rows.get(0).get("terms").get(2).asDouble())
                .isCloseTo(rows.get(1).get("terms").get(2).asDouble() / 4, org.assertj.core.data.Offset.offset(1e-12));
        String text = Cli.ok("sketch", "predict", "--sketch", mlpSketch.toString(), "--subject", "subject-0002").out;
        assertThat(text).contains("deleting 10 of 1000 training examples").contains("example:digits-3");
        // Every prediction whose standard error exceeds its predicted change is flagged, in text and in JSON.
        long unresolved = 0;
        for (JsonNode row : rows) {
            unresolved += row.get("standard_error").asDouble()
                    > Math.abs(row.get("estimate").asDouble() - row.get("degree_estimates").get(0).asDouble()) ? 1 : 0;
        }
        assertThat(p.get("standard_error_exceeds_change")).hasSize((int) unresolved);
    }

    @Test
    void idsFilesAndUsageErrors() throws Exception {
        Path ids = tmp.resolve("ids.txt");
        Files.write(ids, List.of("example_id", "digits-3", "digits-12"), StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("sketch", "predict", "--sketch", mlpSketch.toString(), "--ids", ids.toString(), "--json");
        // digits-3 may sit in the test part; either it is predicted or the error names it.
        if (r.exitCode == 0) {
            assertThat(r.json().get("deleted_examples").asInt()).isEqualTo(2);
        } else {
            assertThat(r.err).contains("not training examples of this run");
        }
        assertThat(Cli.run("sketch", "predict", "--sketch", mlpSketch.toString(), "--subject", "subject-0002",
                "--weight", "2").err).contains("--weight must be in [0, 1]");
        assertThat(Cli.run("sketch", "predict", "--sketch", tmp.toString(), "--subject", "x").err)
                .contains("is not a sketch directory");
        assertThat(Cli.run("sketch", "predict", "--sketch", mlpSketch.toString(), "--subject", "nobody").err)
                .contains("nobody");
        // A measurement evaluated on the stored directions runs on the chosen runner: without the module, a usage error.
        Cli.Result spark = Cli.run("sketch", "predict", "--sketch", mlpSketch.toString(), "--subject", "subject-0002",
                "--measure", "example:digits-7", "--runner", "spark", "--master", "local[2]");
        assertThat(spark.exitCode).isEqualTo(2);
        assertThat(spark.err).contains("no job runner 'spark'");
        assertThat(Cli.run("sketch", "build", "--model", mlpRun.toString(), "--out", mlpSketch.toString()).err)
                .contains("already holds a sketch");
        assertThat(Cli.run("sketch", "build", "--model", mlpRun.toString(), "--out", tmp.resolve("o").toString(),
                "--measure", "text:abc").err).contains("language model");
        assertThat(Cli.run("sketch").err).contains("missing command");
    }

    @Test
    void sketchesACharacterGpt() throws Exception {
        TextCorpus names = TextCorpus.names();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(names.document(i * 131));
        }
        Path corpus = tmp.resolve("names.txt");
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        Path run = tmp.resolve("gpt");
        Cli.ok("train", "--data", corpus.toString(), "--width", "8", "--heads", "2", "--context", "8", "--batch-size", "30",
                "--subjects-per", "3", "--out", run.toString(), "--json");
        Path sketch = tmp.resolve("gpt-sketch");
        JsonNode b = Cli.ok("sketch", "build", "--model", run.toString(), "--directions", "2", "--order", "1",
                "--measure", "text:anna", "--out", sketch.toString(), "--json").json();
        assertThat(b.get("examples").asInt()).isPositive();
        JsonNode p = Cli.ok("sketch", "predict", "--sketch", sketch.toString(), "--subject", "subject-0000", "--json").json();
        assertThat(p.at("/predictions/0/measurement").asText()).isEqualTo("text:anna");
        assertThat(p.at("/predictions/0/estimate").asDouble()).isBetween(0.5, 6.0);
    }

    @Test
    void reproducesTheReferenceExperimentAtSmallScale() throws Exception {
        Path out = tmp.resolve("reproduce");
        Path json = tmp.resolve("reproduce.json");
        Cli.Result r = Cli.ok("sketch", "reproduce", "--sketches", "3", "--order", "1", "--exact-order", "2", "--threads", "2",
                "--no-parameters", "--out", out.toString(), "--json", json.toString());
        assertThat(r.out).contains("D: 18 training names with an 'x' at positions [2, 8, 66, 138,")
                .contains("exact-direction partial-sum errors").contains("times: real run");
        JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        JsonNode rows = doc.get("rows");
        assertThat(rows).hasSize(11);
        // At w = 0 nothing is deleted: every method gives the real run's loss.
        double real = rows.get(0).get("retrained").asDouble();
        assertThat(rows.get(0).at("/exact_partial_sums/2").asDouble()).isEqualTo(real);
        assertThat(rows.get(0).at("/sketch/estimate").asDouble()).isCloseTo(real, org.assertj.core.data.Offset.offset(1e-12));
        // Deleting the names with an x makes 'max' less likely; degree 2 is closer to the truth than degree 1.
        JsonNode full = rows.get(10);
        assertThat(full.get("retrained").asDouble()).isGreaterThan(real);
        assertThat(Math.abs(full.at("/exact_partial_sum_errors/2").asDouble()))
                .isLessThan(Math.abs(full.at("/exact_partial_sum_errors/1").asDouble()));
        assertThat(doc.at("/deleted_names/0").asText()).isEqualTo("xavien");
        for (String png : List.of("loss-vs-weight.png", "sketch-by-degree.png", "exact-partial-sum-errors.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertThat(bytes.length).as(png).isGreaterThan(1000);
            assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
        // results.json reads strictly as the record it was written from, and writes back to the same bytes.
        org.lethe.sketch.MicroGptReport results = org.lethe.io.JsonFiles.read(out.resolve("results.json"),
                org.lethe.sketch.MicroGptReport.class);
        assertThat(org.lethe.io.JsonFiles.text(results)).isEqualTo(Files.readString(out.resolve("results.json")));
        assertThat(org.lethe.io.JsonFiles.line(results)).isEqualTo(Files.readString(json).strip());
        assertThat(out.resolve("sketch/sketch.json")).isRegularFile();
        assertThat(out.resolve("sketch/directions")).doesNotExist();
        JsonNode again = Cli.ok("sketch", "predict", "--sketch", out.resolve("sketch").toString(), "--ids",
                write("positions.txt", "2", "8").toString(), "--json").json();
        assertThat(again.get("deleted_examples").asInt()).isEqualTo(2);
        assertThat(Cli.run("sketch", "predict", "--sketch", out.resolve("sketch").toString(), "--subject", "s").err)
                .contains("no subjects");
        assertThat(Cli.run("sketch", "predict", "--sketch", out.resolve("sketch").toString(), "--ids",
                write("one.txt", "2").toString(), "--measure", "text:anna", "--runner", "spark").err)
                .contains("evaluated locally only");
    }

    private static Path write(String name, String... lines) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return f;
    }
}
