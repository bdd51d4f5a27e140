package org.lethe.app.cli.model;

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

/** A tiny character GPT on a small corpus file: defaults, evaluation, scoring and seeded sampling. */
class CharacterModelCommandsTest {
    @TempDir
    static Path tmp;
    static Path run;
    static JsonNode trained;

    @BeforeAll
    static void train() throws Exception {
        TextCorpus names = TextCorpus.names();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(names.document(i * 97));
        }
        Path corpus = tmp.resolve("few-names.txt");
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        run = tmp.resolve("gpt");
        trained = Cli.ok("train", "--data", corpus.toString(), "--width", "8", "--heads", "2", "--context", "8",
                "--batch-size", "30", "--subjects-per", "3", "--out", run.toString(), "--json").json();
    }

    @Test
    void textDataDefaultsToASmallGptTrainedWithAdam() {
        assertThat(trained.at("/architecture/kind").asText()).isEqualTo("gpt");
        assertThat(trained.at("/architecture/context").asInt()).isEqualTo(8);
        assertThat(trained.at("/training/optimizer").asText()).isEqualTo("adam");
        assertThat(trained.at("/training/learning_rate").asDouble()).isEqualTo(0.01);
        assertThat(trained.get("total_steps").asInt()).isEqualTo(8);
        double loss = trained.at("/metrics/loss").asDouble();
        assertThat(loss).isBetween(1.0, 4.0);
        JsonNode eval = Cli.ok("eval", "--model", run.toString(), "--json").json();
        assertThat(eval.at("/metrics/loss").asDouble()).isEqualTo(loss);
        assertThat(eval.get("examples").asInt()).isEqualTo(60);
    }

    @Test
    void samplingIsSeededAndScoringMatchesEvaluation() {
        JsonNode a = Cli.ok("predict", "--model", run.toString(), "--generate", "5", "--seed", "7", "--json").json();
        JsonNode b = Cli.ok("predict", "--model", run.toString(), "--generate", "5", "--seed", "7", "--json").json();
        JsonNode c = Cli.ok("predict", "--model", run.toString(), "--generate", "5", "--seed", "8", "--json").json();
        assertThat(a.get("generated")).hasSize(5).isEqualTo(b.get("generated"));
        assertThat(a.get("generated")).isNotEqualTo(c.get("generated"));
        JsonNode prefixed = Cli.ok("predict", "--model", run.toString(), "--generate", "3", "--text", "ma", "--json").json();
        prefixed.get("generated").forEach(g -> assertThat(g.get("text").asText()).startsWith("ma"));

        JsonNode scored = Cli.ok("predict", "--model", run.toString(), "--text", "anna", "--json").json();
        assertThat(scored.at("/text/loss").asDouble()).isPositive();
        double p = 0;
        for (JsonNode n : scored.at("/text/likeliest_next")) {
            p += n.get("probability").asDouble();
        }
        assertThat(p).isBetween(0.0, 1.0 + 1e-9);

        Cli.Result unknownChar = Cli.run("predict", "--model", run.toString(), "--text", "Ä");
        assertThat(unknownChar.exitCode).isEqualTo(1);
        assertThat(unknownChar.errLines()).hasSize(1);
        assertThat(unknownChar.err).contains("not in the vocabulary");
    }

    @Test
    void gptOnlyOptionsAreRefusedForImages() {
        Cli.Result r = Cli.run("train", "--data", "digits", "--width", "8", "--out", tmp.resolve("x").toString());
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err).contains("--width applies to --model gpt");
    }
}
