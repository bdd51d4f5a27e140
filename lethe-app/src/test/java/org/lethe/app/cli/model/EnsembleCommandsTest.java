package org.lethe.app.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;

/** A SISA ensemble is a model like any other for info, eval, predict and data steps, before and after a deletion. */
class EnsembleCommandsTest {
    @Test
    void infoEvalPredictAndDataStepsReadAnEnsemble(@TempDir Path tmp) {
        Path sisa = tmp.resolve("sisa");
        JsonNode trained = Cli.ok("train", "--sisa", "--data", "digits", "--hidden", "8", "--shards", "3", "--slices",
                "2", "--batch-size", "64", "--test-fraction", "0.9", "--subjects-per", "10", "--out", sisa.toString(),
                "--json").json();
        assertThat(Cli.keys(trained)).containsExactly("model", "kind", "shards", "slices", "shard_sizes",
                "train_seconds", "test_accuracy", "hash");
        assertThat(trained.get("kind").asText()).isEqualTo("sisa");
        assertThat(trained.get("shard_sizes")).hasSize(3);
        assertThat(trained.get("test_accuracy").asDouble()).isBetween(0.0, 1.0);

        JsonNode info = Cli.ok("info", "--model", sisa.toString(), "--json").json();
        assertThat(info.get("kind").asText()).isEqualTo("sisa");
        assertThat(info.get("shards").asInt()).isEqualTo(3);
        assertThat(info.get("parameters_verified").asBoolean()).isTrue();
        assertThat(Cli.keys(info)).containsExactly("model", "kind", "architecture", "shards", "slices",
                "epochs_per_slice", "aggregation", "active_shards", "dataset", "seed", "parameters_sha256",
                "parameters_verified", "versions");
        assertThat(Cli.keys(info.get("dataset"))).containsExactly("name", "fingerprint", "training_examples",
                "held_out_examples", "training_subjects", "held_out_subjects", "deleted_examples");
        assertThat(Cli.ok("info", "--model", sisa.toString()).out).contains("3 shards x 2 slices");

        JsonNode eval = Cli.ok("eval", "--model", sisa.toString(), "--json").json();
        assertThat(eval.at("/metrics/accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(eval.get("data").asText()).contains("held-out split");
        assertThat(eval.get("per_class")).hasSize(10);

        JsonNode predicted = Cli.ok("predict", "--model", sisa.toString(), "--index", "0", "1", "--json").json();
        assertThat(predicted.get("predictions")).hasSize(2);
        assertThat(predicted.at("/predictions/0/probabilities")).hasSize(10);

        String subject = Cli.ok("data", "subjects", "--model", tmp.resolve("sisa").toString(), "--json").json()
                .at("/counts/0/subject").asText();
        JsonNode steps = Cli.ok("data", "steps", "--model", sisa.toString(), "--subject", subject, "--json").json();
        assertThat(steps.get("stage_count").asInt()).isPositive();
        assertThat(steps.get("total_stages").asInt()).isEqualTo(6);
        assertThat(Cli.keys(steps)).containsExactly("model", "subject", "examples", "shards", "stage_count",
                "total_stages");
        assertThat(Cli.keys(steps.at("/shards/0"))).containsExactly("shard", "first_slice", "stages");

        Cli.ok("forget", "--model", sisa.toString(), "--subject", subject);
        Path v2 = tmp.resolve("sisa-v2");
        JsonNode deleted = Cli.ok("data", "steps", "--model", v2.toString(), "--subject", subject, "--json").json();
        assertThat(Cli.keys(deleted)).containsExactly("model", "note", "subject", "examples", "shards", "stage_count",
                "total_stages");
        assertThat(Cli.ok("data", "steps", "--model", v2.toString(), "--subject", subject).out)
                .contains("was deleted from this version");
        assertThat(Cli.ok("info", "--model", v2.toString()).out).containsPattern("sisa-v2 +head +from sisa: removed");
        assertThat(Cli.ok("eval", "--model", v2.toString(), "--json").json().at("/metrics/accuracy").asDouble())
                .isBetween(0.0, 1.0);
    }
}
