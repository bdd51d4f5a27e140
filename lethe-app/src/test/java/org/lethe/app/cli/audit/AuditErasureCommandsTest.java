package org.lethe.app.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;

/** {@code lethe audit probe}, {@code relearn} and {@code canary} on tiny models. */
class AuditErasureCommandsTest {
    @TempDir
    static Path tmp;
    static Path original;
    static Path deleted;

    @BeforeAll
    static void trainAndForget() {
        original = tmp.resolve("v1");
        deleted = tmp.resolve("v2");
        Cli.ok("train", "--data", "digits", "--hidden", "32", "--epochs", "2", "--batch-size", "32",
                "--test-fraction", "0.8", "--subjects-per", "20", "--out", original.toString(), "--json");
        Cli.ok("forget", "--model", original.toString(), "--subject", "subject-0003", "--method", "retrain",
                "--out", deleted.toString(), "--json");
    }

    @Test
    void probeComparesTheModelWithItsReference() {
        JsonNode r = Cli.ok("audit", "probe", "--model", original.toString(), "--subject", "subject-0003",
                "--reference", deleted.toString(), "--iterations", "100", "--json").json();
        int forgotten = r.get("forget_examples").asInt();
        assertThat(forgotten).isBetween(1, 20);
        assertThat(r.get("feature_width").asInt()).isEqualTo(32);
        assertThat(r.get("forgotten_classes").size()).isZero();
        for (String who : new String[] {"model", "reference"}) {
            for (String key : new String[] {"forget_accuracy", "retain_accuracy", "test_accuracy"}) {
                assertThat(r.get(who).get(key).asDouble()).as(who + " " + key).isBetween(0.0, 1.0);
            }
            // Accuracies over the forget set are multiples of 1/n.
            double timesN = r.get(who).get("forget_accuracy").asDouble() * forgotten;
            assertThat(Math.abs(timesN - Math.rint(timesN))).isLessThan(1e-9);
        }
        assertThat(r.get("forget_gap").asDouble()).isEqualTo(
                r.at("/model/forget_accuracy").asDouble() - r.at("/reference/forget_accuracy").asDouble());
        assertThat(r.get("verdict").asText()).startsWith("The probe reads");
        // The two readouts print where the header's model and reference entries were.
        assertThat(Cli.keys(r)).containsExactly("model", "reference", "reference_source", "forget", "forget_examples",
                "feature_width", "forgotten_classes", "forget_gap", "verdict", "report");
        assertThat(Cli.keys(r.get("model"))).containsExactly("forget_accuracy", "retain_accuracy", "test_accuracy",
                "fit_accuracy", "fit_examples");
        assertThat(r.get("forget_examples").isInt()).isTrue();
        assertThat(r.get("report").isNull()).isTrue();

        String text = Cli.ok("audit", "probe", "--model", original.toString(), "--class", "3", "--iterations", "50",
                "--reference", deleted.toString()).out;
        assertThat(text).contains("classes [3] occur only in the forget set").contains("forget").contains("model");
    }

    @Test
    void withoutAReferenceTheNewestAuditsRetrainedReferenceIsUsedAndItsReportGetsTheTest() throws Exception {
        Path model = tmp.resolve("v2-copy");
        Cli.ok("forget", "--model", original.toString(), "--subject", "subject-0003", "--method", "retrain",
                "--branch", "--out", model.toString(), "--json");
        Cli.Result none = Cli.run("audit", "probe", "--model", model.toString(), "--subject", "subject-0003");
        assertThat(none.exitCode).isNotZero();
        assertThat(none.err).contains("no model retrained without these examples")
                .contains("lethe audit --model " + model + " --subject subject-0003");

        Cli.ok("audit", "--model", model.toString(), "--retrain", "2", "--skip", "probe,relearn", "--json");
        Cli.ok("audit", "--model", model.toString(), "--retrain", "2", "--skip", "probe,relearn", "--json");
        Path first = tmp.resolve("v2-copy-audit");
        Path newest = tmp.resolve("v2-copy-audit-2");
        JsonNode probe = Cli.ok("audit", "probe", "--model", model.toString(), "--subject", "subject-0003",
                "--iterations", "50", "--json").json();
        assertThat(probe.get("reference_source").asText()).contains("retrained by the audit in").endsWith("-audit-2");
        assertThat(probe.at("/reference/forget_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(probe.get("report").asText()).isEqualTo(newest.resolve("index.html").toAbsolutePath().toString());
        JsonNode relearn = Cli.ok("audit", "relearn", "--model", model.toString(), "--subject", "subject-0003",
                "--examples", "4", "--max-steps", "10", "--json").json();
        assertThat(relearn.at("/reference/forget_accuracy_curve").size()).isPositive();

        org.lethe.audit.json.AuditDocument updated = org.lethe.audit.json.AuditJson.read(newest.resolve("audit.json"));
        assertThat(updated.linearProbe()).isNotNull();
        assertThat(updated.relearn().reference()).isNotNull();
        assertThat(updated.conclusion()).isNotNull();
        assertThat(java.nio.file.Files.readString(newest.resolve("index.html"))).contains("linear probe on penultimate features")
                .contains("Verdict: " + updated.conclusion());
        org.lethe.audit.json.AuditDocument older = org.lethe.audit.json.AuditJson.read(first.resolve("audit.json"));
        assertThat(older.linearProbe()).isNull();
        assertThat(older.relearn()).isNull();
    }

    @Test
    void relearnTargetsTheOriginalsForgetAccuracyByDefault() {
        JsonNode r = Cli.ok("audit", "relearn", "--model", deleted.toString(), "--subject", "subject-0003",
                "--reference", deleted.toString(), "--examples", "4", "--max-steps", "30", "--run-optimizer", "--json").json();
        assertThat(r.at("/target/original").asText()).isEqualTo(original.resolve("model.safetensors").toAbsolutePath().toString());
        assertThat(r.at("/target/accuracy").asDouble())
                .isEqualTo(0.9 * r.at("/target/original_forget_accuracy").asDouble());
        assertThat(r.get("optimizer").asText()).contains("the run's optimiser");
        assertThat(Cli.keys(r)).containsExactly("model", "reference", "reference_source", "forget", "forget_examples",
                "relearn_forget_examples", "relearn_retain_examples", "batch_size", "optimizer", "max_steps", "target",
                "step_ratio", "verdict", "report");
        assertThat(Cli.keys(r.get("target"))).containsExactly("source", "original", "original_forget_accuracy",
                "accuracy");
        assertThat(Cli.keys(r.get("model"))).containsExactly("steps", "reached", "target", "start_forget_accuracy",
                "end_forget_accuracy", "forget_accuracy_curve");
        assertThat(r.get("step_ratio").isDouble() || r.get("step_ratio").isNull()).isTrue();
        // The model is its own reference here: identical results, ratio 1 (or 0 steps each).
        assertThat(r.at("/model/forget_accuracy_curve")).isEqualTo(r.at("/reference/forget_accuracy_curve"));
        assertThat(r.at("/model/steps").asInt()).isBetween(0, 30);
    }

    @Test
    void relearnWithAGivenTargetAndRate() {
        JsonNode r = Cli.ok("audit", "relearn", "--model", original.toString(), "--class", "3", "--target", "1.0",
                "--lr", "0.05", "--max-steps", "5", "--reference", deleted.toString(), "--json").json();
        assertThat(r.at("/target/source").asText()).isEqualTo("given");
        // A given target has no original model to name.
        assertThat(Cli.keys(r.get("target"))).containsExactly("source", "accuracy");
        assertThat(r.get("optimizer").asText()).isEqualTo("sgd lr 0.05");
        assertThat(r.get("reference_source").asText()).isEqualTo("given");
        // No audit of class 3 exists, so there is no report to add the test to.
        assertThat(r.get("report").isNull()).isTrue();
        Cli.Result both = Cli.run("audit", "relearn", "--model", original.toString(), "--class", "3", "--lr", "0.05",
                "--run-optimizer");
        assertThat(both.exitCode).isNotZero();
        assertThat(both.err).contains("cannot go with --run-optimizer");
        int steps = r.at("/model/steps").asInt();
        assertThat(r.at("/model/forget_accuracy_curve").size()).isEqualTo(steps + 1);
    }

    @Test
    void unknownForgetSetsAreErrorsNamingThem() {
        Cli.Result r = Cli.run("audit", "probe", "--model", original.toString(), "--class", "12");
        assertThat(r.exitCode).isNotZero();
        assertThat(r.err).contains("no examples of class [12]");
        Cli.Result s = Cli.run("audit", "relearn", "--model", original.toString(), "--subject", "nobody", "--target", "0.5");
        assertThat(s.exitCode).isNotZero();
        assertThat(s.err).contains("unknown subjects").contains("nobody");
    }

    @Test
    void canaryRunsTheWholeExperiment() {
        JsonNode r = Cli.ok("audit", "canary", "--documents", "200", "--repeats", "15", "--width", "16", "--heads", "2",
                "--epochs", "3", "--controls", "2", "--secret-length", "3", "--json").json();
        assertThat(r.get("candidates").asLong()).isEqualTo(1000);
        assertThat(r.get("exact_ranks").asBoolean()).isTrue();
        assertThat(r.get("canaries").size()).isEqualTo(1);
        assertThat(r.get("controls").size()).isEqualTo(2);
        assertThat(r.at("/canaries/0/copies").asInt()).isEqualTo(15);
        assertThat(Cli.keys(r)).containsExactly("format", "candidates", "exact_ranks", "max_exposure_bits",
                "training_documents", "canaries", "controls", "mean_canary_exposure_before",
                "mean_canary_exposure_after", "mean_control_exposure_before", "mean_control_exposure_after",
                "test_loss_before", "test_loss_after", "train_seconds", "deletion", "work");
        assertThat(r.get("work").isNull()).isTrue();
        assertThat(r.at("/deletion/exact").asBoolean()).isTrue();
        assertThat(r.at("/deletion/removed_count").asInt()).isEqualTo(15);
        assertThat(r.get("mean_canary_exposure_before").asDouble())
                .isGreaterThan(r.get("mean_canary_exposure_after").asDouble());

        Cli.Result bad = Cli.run("audit", "canary", "--secret-length", "12");
        assertThat(bad.exitCode).isNotZero();
        assertThat(bad.err).contains("context of 16");
    }
}
