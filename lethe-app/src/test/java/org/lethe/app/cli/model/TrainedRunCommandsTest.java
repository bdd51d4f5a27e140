package org.lethe.app.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.app.cli.Main;

/** One tiny training run on the digits, then every read-only command on it. */
class TrainedRunCommandsTest {
    @TempDir
    static Path tmp;
    static Path run;
    static JsonNode trained;

    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        trained = Cli.ok("train", "--data", "digits", "--hidden", "16", "--epochs", "2", "--batch-size", "64",
                "--test-fraction", "0.9", "--subjects-per", "10", "--eval-every", "8", "--out", run.toString(), "--json").json();
    }

    @Test
    void trainWritesTheRunDirectoryAndReportsIt() {
        assertThat(trained.get("complete").asBoolean()).isTrue();
        assertThat(trained.get("total_steps").asInt()).isEqualTo(2 * 16);
        assertThat(trained.get("parameters").asLong()).isEqualTo(784 * 16 + 16 + 16 * 10 + 10);
        assertThat(trained.at("/metrics/accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(trained.get("run").asText()).isEqualTo(run.toString());
        assertThat(trained.get("model").asText()).isEqualTo(run.resolve("model.safetensors").toString());
        assertThat(Cli.keys(trained)).containsExactly("run", "model", "complete", "resumed_from", "completed_steps",
                "total_steps", "seconds", "metrics", "parameters", "architecture", "training", "data");
        // A run no deletion made has no exclusions, so the data section leaves them out.
        assertThat(Cli.keys(trained.get("data"))).containsExactly("source", "test_fraction", "split_seed",
                "subjects_per", "subjects_file", "train_size", "test_size", "train_fingerprint");
        assertThat(trained.at("/training/batch_size").asInt()).isEqualTo(64);
        for (String f : List.of("config.json", "provenance.json", "metrics.jsonl", "model.safetensors", "model.card.json",
                "checkpoints/step-00000016.safetensors", "checkpoints/step-00000032.safetensors")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
    }

    @Test
    void infoDescribesTheModelFromTheRunOrTheFile() {
        JsonNode info = Cli.ok("info", "--model", run.toString(), "--json").json();
        assertThat(info.at("/architecture/widths").toString()).isEqualTo("[784,16,10]");
        assertThat(info.get("parameters").asLong()).isEqualTo(trained.get("parameters").asLong());
        assertThat(info.get("algebra").asText()).isEqualTo("f32");
        assertThat(info.at("/dataset/name").asText()).isEqualTo("digits");
        assertThat(info.at("/dataset/fingerprint").asText()).hasSize(64);
        assertThat(info.at("/provenance/steps").asInt()).isEqualTo(32);
        assertThat(info.at("/provenance/batch_size").asInt()).isEqualTo(64);
        assertThat(info.at("/provenance/examples").asInt()).isEqualTo(1000);
        assertThat(info.at("/metrics/accuracy").asDouble()).isEqualTo(trained.at("/metrics/accuracy").asDouble());
        assertThat(info.get("parent_model").isNull()).isTrue();
        assertThat(Cli.keys(info)).containsExactly("model", "run", "status", "architecture", "parameters", "tensors",
                "algebra", "file_bytes", "parameters_sha256", "parameters_verified", "dataset", "seed", "parent_model",
                "code_version", "created", "training", "split", "provenance", "checkpoints", "metrics", "versions");
        assertThat(Cli.keys(info.at("/tensors/0"))).containsExactly("name", "shape", "dtype");
        assertThat(Cli.keys(info.get("dataset"))).containsExactly("name", "fingerprint");
        assertThat(Cli.keys(info.get("split"))).containsExactly("train_size", "test_size", "test_fraction",
                "split_seed", "subjects_per", "subjects_file");
        assertThat(Cli.keys(info.get("provenance"))).containsExactly("examples", "subjects", "steps", "epochs",
                "steps_per_epoch", "batch_size", "seed");
        assertThat(Cli.keys(info.at("/versions/0"))).containsExactly("version", "this_model", "head", "branch",
                "parent", "deletion", "unreadable");

        JsonNode viaFile = Cli.ok("info", "--model", run.resolve("model.safetensors").toString(), "--json").json();
        assertThat(viaFile.get("parameters_sha256").asText()).isEqualTo(info.get("parameters_sha256").asText());
        assertThat(Cli.ok("info", "--model", run.toString()).out).contains("mlp 784-16-10").contains("12,730");
    }

    @Test
    void evalReproducesTheRunsHeldOutMetricsWithPerClassAccuracy() {
        JsonNode eval = Cli.ok("eval", "--model", run.toString(), "--json").json();
        assertThat(eval.get("examples").asInt()).isEqualTo(9000);
        assertThat(eval.at("/metrics/accuracy").asDouble()).isEqualTo(trained.at("/metrics/accuracy").asDouble());
        int examples = 0;
        int correct = 0;
        for (JsonNode row : eval.get("per_class")) {
            examples += row.get("examples").asInt();
            correct += row.get("correct").asInt();
        }
        assertThat(examples).isEqualTo(9000);
        assertThat(correct / 9000.0).isEqualTo(eval.at("/metrics/accuracy").asDouble());
        JsonNode onTrain = Cli.ok("eval", "--model", run.toString(), "--split", "train", "--json").json();
        assertThat(onTrain.get("examples").asInt()).isEqualTo(1000);
        assertThat(Cli.ok("eval", "--model", run.toString()).out).contains("accuracy").contains("class  examples");
    }

    @Test
    void predictGivesProbabilitiesForExamplesByIdAndIndex() {
        JsonNode p = Cli.ok("predict", "--model", run.toString(), "--ids", "digits-3,digits-10", "--index", "42",
                "--json").json();
        JsonNode rows = p.get("predictions");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).get("id").asText()).isEqualTo("digits-42");
        for (JsonNode row : rows) {
            double sum = 0;
            int best = 0;
            for (int c = 0; c < row.get("probabilities").size(); c++) {
                double v = row.get("probabilities").get(c).asDouble();
                sum += v;
                best = v > row.get("probabilities").get(best).asDouble() ? c : best;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(row.get("predicted").asInt()).isEqualTo(best);
            assertThat(row.get("split").asText()).isIn("train", "test");
            assertThat(row.get("subject").asText()).startsWith("subject-");
        }
    }

    @Test
    void stepsOfASubjectAreExactlyTheBatchesHoldingItsExamples() {
        JsonNode info = Cli.ok("info", "--model", run.toString(), "--json").json();
        assertThat(info.at("/provenance/subjects").asInt()).isPositive();
        String subject = Cli.ok("data", "batch", "--model", run.toString(), "--step", "5", "--json").json()
                .at("/examples/0/subject").asText();
        JsonNode q = Cli.ok("data", "steps", "--model", run.toString(), "--subject", subject, "--json").json();
        assertThat(Cli.keys(q)).containsExactly("run", "subject", "examples", "split", "steps", "step_count",
                "steps_per_epoch", "total_steps");
        JsonNode batch5 = Cli.ok("data", "batch", "--model", run.toString(), "--step", "5", "--json").json();
        assertThat(Cli.keys(batch5)).containsExactly("run", "step", "epoch", "step_in_epoch", "size", "examples");
        assertThat(Cli.keys(batch5.at("/examples/0"))).containsExactly("id", "subject");
        Set<String> ids = new HashSet<>();
        q.get("examples").forEach(n -> ids.add(n.asText()));
        Set<Integer> steps = new HashSet<>();
        q.get("steps").forEach(n -> steps.add(n.asInt()));
        assertThat(steps).contains(5);
        assertThat(q.get("steps_per_epoch").get(0).asInt() + q.get("steps_per_epoch").get(1).asInt()).isEqualTo(steps.size());
        for (int t = 0; t < 32; t++) {
            List<String> batch = new ArrayList<>();
            Cli.ok("data", "batch", "--model", run.toString(), "--step", String.valueOf(t), "--json").json()
                    .get("examples").forEach(e -> batch.add(e.get("id").asText()));
            boolean usesSubject = batch.stream().anyMatch(ids::contains);
            assertThat(usesSubject).as("step %d uses %s", t, subject).isEqualTo(steps.contains(t));
        }
        assertThat(Cli.ok("data", "steps", "--model", run.toString(), "--subject", subject).out)
                .contains(subject).contains("per epoch");
    }

    @Test
    void stepsOfAnExampleAreOnePerEpochAndHeldOutExamplesHaveNone() {
        String id = Cli.ok("data", "batch", "--model", run.toString(), "--step", "20", "--json").json()
                .at("/examples/0/id").asText();
        JsonNode q = Cli.ok("data", "steps", "--model", run.toString(), "--id", id, "--json").json();
        // An example's query lists no examples.
        assertThat(Cli.keys(q)).containsExactly("run", "id", "split", "steps", "step_count", "steps_per_epoch",
                "total_steps");
        assertThat(q.get("steps")).hasSize(2);
        assertThat(q.get("steps").get(1).asInt()).isEqualTo(20);
        JsonNode test = Cli.ok("predict", "--model", run.toString(), "--index", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                "--json").json();
        String heldOut = null;
        for (JsonNode row : test.get("predictions")) {
            if (row.get("split").asText().equals("test")) {
                heldOut = row.get("id").asText();
            }
        }
        assertThat(heldOut).isNotNull();
        JsonNode none = Cli.ok("data", "steps", "--model", run.toString(), "--id", heldOut, "--json").json();
        assertThat(none.get("steps")).isEmpty();
        assertThat(none.get("split").asText()).isEqualTo("test");
    }

    @Test
    void subjectsOfTheRunAddUpToTheData() {
        JsonNode s = Cli.ok("data", "subjects", "--model", run.toString(), "--json").json();
        assertThat(s.get("subjects").asInt()).isEqualTo(1000);
        assertThat(Cli.keys(s)).containsExactly("data", "run", "subjects", "training_subjects", "held_out_subjects",
                "examples_with_subject", "examples_without_subject", "min_examples", "max_examples", "counts");
        assertThat(Cli.keys(s.at("/counts/0"))).containsExactly("subject", "examples", "train", "test");
        int train = 0;
        int test = 0;
        for (JsonNode row : s.get("counts")) {
            assertThat(row.get("examples").asInt()).isEqualTo(row.get("train").asInt() + row.get("test").asInt());
            train += row.get("train").asInt();
            test += row.get("test").asInt();
        }
        assertThat(train).isEqualTo(1000);
        assertThat(test).isEqualTo(9000);
    }

    @Test
    void dataDescribeAndListReportTheBundledDigits() {
        JsonNode d = Cli.ok("data", "describe", "--data", "digits", "--subjects-per", "25", "--json").json();
        assertThat(d.get("size").asInt()).isEqualTo(10_000);
        assertThat(d.get("classes").asInt()).isEqualTo(10);
        assertThat(d.get("subjects").asInt()).isEqualTo(400);
        int total = 0;
        for (JsonNode c : d.get("label_counts")) {
            total += c.asInt();
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(Cli.keys(d)).containsExactly("name", "source", "size", "kind", "features", "image_shape", "classes",
                "label_counts", "first_id", "subjects", "fingerprint");
        JsonNode names = Cli.ok("data", "describe", "--data", "names", "--json").json();
        assertThat(Cli.keys(names)).containsExactly("name", "source", "size", "kind", "vocabulary", "vocabulary_size",
                "document_length", "first_id", "subjects", "fingerprint");
        assertThat(Cli.keys(names.get("document_length"))).containsExactly("min", "mean", "max");
        assertThat(names.at("/document_length/mean").isDouble()).isTrue();
        JsonNode generated = Cli.ok("data", "subjects", "--data", "digits", "--subjects-per", "500", "--json").json();
        assertThat(generated.get("run").isNull()).isTrue();
        assertThat(Cli.keys(generated)).containsExactly("data", "run", "subjects", "examples_with_subject",
                "examples_without_subject", "min_examples", "max_examples", "counts");
        assertThat(Cli.keys(generated.at("/counts/0"))).containsExactly("subject", "examples");
        JsonNode list = Cli.ok("data", "list", "--json").json();
        assertThat(Cli.keys(list)).containsExactly("datasets");
        assertThat(Cli.keys(list.at("/datasets/0"))).containsExactly("name", "kind", "installed", "location",
                "description");
        assertThat(list.get("datasets").get(0).get("name").asText()).isEqualTo("digits");
        assertThat(list.get("datasets").get(0).get("installed").asBoolean()).isTrue();
        assertThat(Cli.ok("data", "list").out).contains("names");
    }

    @Test
    void errorsAreOneLineWithANonZeroExit() throws Exception {
        assertOneLineError(Cli.run("data", "steps", "--model", run.toString(), "--subject", "nobody"), 1, "unknown subject nobody");
        assertOneLineError(Cli.run("info", "--model", tmp.resolve("missing").toString()), 1, "missing");
        assertOneLineError(Cli.run("predict", "--model", run.toString(), "--ids", "digits-123456"), 1, "unknown example id digits-123456");
        assertOneLineError(Cli.run("data", "batch", "--model", run.toString(), "--step", "32"), 1, "steps 0..31");
        assertOneLineError(Cli.run("train", "--data", "digits", "--out", run.toString()), 1, "already holds a run");
        assertOneLineError(Cli.run("eval", "--model", run.toString(), "--no-such-option"), 2, "--no-such-option");
        assertOneLineError(Cli.run("train", "--data", "digits", "--out", tmp.resolve("x").toString(), "--model", "rnn"), 2, "mlp, cnn or gpt");

        Path corrupt = tmp.resolve("corrupt.safetensors");
        byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));
        Files.write(corrupt, java.util.Arrays.copyOf(model, model.length / 2));
        Files.copy(run.resolve("model.card.json"), tmp.resolve("corrupt.card.json"));
        Cli.Result r = Cli.run("eval", "--model", corrupt.toString(), "--data", "digits");
        assertOneLineError(r, 1, "corrupt.safetensors");
        assertOneLineError(Cli.run("info", "--model", corrupt.toString()), 1, "corrupt.safetensors");
    }

    private static void assertOneLineError(Cli.Result r, int exitCode, String fragment) {
        assertThat(r.exitCode).as("%s", r).isEqualTo(exitCode);
        assertThat(r.errLines()).as("%s", r).hasSize(1);
        assertThat(r.err).startsWith(Main.ERROR_PREFIX).contains(fragment);
        assertThat(r.out).isEmpty();
    }
}
