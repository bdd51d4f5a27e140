package org.lethe.app.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;

/** An interrupted run, resumed, ends bit for bit where the uninterrupted run ends. */
class TrainResumeTest {
    @TempDir
    Path tmp;

    private static String[] trainArgs(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", "digits", "--hidden", "12", "--epochs", "2",
                "--batch-size", "50", "--test-fraction", "0.9", "--optimizer", "adam", "--schedule", "cosine",
                "--warmup", "3", "--seed", "5", "--eval-every", "6", "--checkpoint-every", "5", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void resumingAnInterruptedRunGivesBitIdenticalWeightsAndMetrics() throws Exception {
        Path whole = tmp.resolve("whole");
        Path split = tmp.resolve("split");
        JsonNode uninterrupted = Cli.ok(trainArgs(whole, "--json")).json();
        assertThat(uninterrupted.get("total_steps").asInt()).isEqualTo(40);

        JsonNode stopped = Cli.ok(trainArgs(split, "--stop-after", "12", "--json")).json();
        assertThat(stopped.get("complete").asBoolean()).isFalse();
        assertThat(stopped.get("completed_steps").asInt()).isEqualTo(15);
        assertThat(split.resolve("model.safetensors")).doesNotExist();
        // A stopped run wrote no final model: the key stays, with null.
        assertThat(stopped.get("model").isNull()).isTrue();
        assertThat(Cli.keys(stopped)).isEqualTo(Cli.keys(uninterrupted));
        JsonNode unfinished = Cli.ok("info", "--model", split.toString(), "--json").json();
        assertThat(unfinished.get("status").asText()).contains("15");
        assertThat(unfinished.get("model").isNull()).isTrue();
        assertThat(Cli.keys(unfinished)).containsExactly("model", "run", "status", "architecture", "algebra",
                "dataset", "seed", "training", "split", "provenance", "checkpoints", "metrics", "versions");
        assertOneLine(Cli.run("eval", "--model", split.toString()), "--resume");

        JsonNode resumed = Cli.ok("train", "--out", split.toString(), "--resume", "--json").json();
        assertThat(resumed.get("resumed_from").asInt()).isEqualTo(15);
        assertThat(resumed.get("complete").asBoolean()).isTrue();

        assertThat(Files.readAllBytes(split.resolve("model.safetensors")))
                .as("final weights file").isEqualTo(Files.readAllBytes(whole.resolve("model.safetensors")));
        assertThat(Files.readString(split.resolve("metrics.jsonl"), StandardCharsets.UTF_8))
                .as("metrics log").isEqualTo(Files.readString(whole.resolve("metrics.jsonl"), StandardCharsets.UTF_8));
        assertThat(resumed.get("metrics")).isEqualTo(uninterrupted.get("metrics"));

        // A crash leaves the checkpoints up to some step and metrics logged after it; resuming drops those records.
        Path crashed = tmp.resolve("crashed");
        copyTree(whole, crashed);
        Files.delete(crashed.resolve("model.safetensors"));
        Files.delete(crashed.resolve("model.card.json"));
        for (int step = 25; step <= 40; step += 5) {
            Files.delete(crashed.resolve(String.format("checkpoints/step-%08d.safetensors", step)));
        }
        JsonNode recovered = Cli.ok("train", "--out", crashed.toString(), "--resume", "--json").json();
        assertThat(recovered.get("resumed_from").asInt()).isEqualTo(20);
        assertThat(Files.readAllBytes(crashed.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.resolve("model.safetensors")));
        assertThat(Files.readString(crashed.resolve("metrics.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(whole.resolve("metrics.jsonl"), StandardCharsets.UTF_8));
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    @Test
    void resumeChecksTheSettingsAndFinishedRunsHaveNothingToDo() {
        Path run = tmp.resolve("run");
        Cli.ok(trainArgs(run, "--stop-after", "1"));
        Cli.Result changed = Cli.run(trainArgs(run, "--resume", "--lr", "0.02"));
        assertThat(changed.exitCode).isEqualTo(2);
        assertThat(changed.errLines()).hasSize(1);
        assertThat(changed.err).contains("learning_rate 0.001 (now 0.02)");
        Cli.Result partial = Cli.run("train", "--out", run.toString(), "--resume", "--lr", "0.1");
        assertThat(partial.exitCode).isEqualTo(2);
        assertThat(partial.err).contains("--lr");

        JsonNode done = Cli.ok(trainArgs(run, "--resume", "--json")).json();
        assertThat(done.get("resumed_from").asInt()).isEqualTo(5);
        JsonNode again = Cli.ok("train", "--out", run.toString(), "--resume", "--json").json();
        assertThat(again.get("resumed_from").asInt()).isEqualTo(40);
        assertThat(again.get("metrics")).isEqualTo(done.get("metrics"));
        assertThat(Cli.ok("train", "--out", run.toString(), "--resume").out).contains("nothing to do");

        Cli.Result missing = Cli.run("train", "--out", tmp.resolve("none").toString(), "--resume");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err).contains("holds no run to resume");
    }

    private static void assertOneLine(Cli.Result r, String fragment) {
        assertThat(r.exitCode).as("%s", r).isEqualTo(1);
        assertThat(r.errLines()).as("%s", r).hasSize(1);
        assertThat(r.err).contains(fragment);
    }
}
