package org.lethe.app.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.app.cli.Main;
import org.lethe.train.TrainingRun;

/** {@code lethe audit --model ...}: one tiny run on the digits, audited against a few retrained models. */
class AuditCommandTest {
    @TempDir
    static Path tmp;
    static Path run;
    static String subject;

    @BeforeAll
    static void train() throws Exception {
        run = tmp.resolve("run");
        Cli.ok("train", "--data", "digits", "--hidden", "16", "--epochs", "3", "--batch-size", "50",
                "--test-fraction", "0.95", "--subjects-per", "10", "--out", run.toString());
        subject = TrainingRun.open(run).provenance.subjectList().get(0);
    }

    @Test
    void auditsASubjectAndWritesAnOfflineReport() throws Exception {
        Path report = tmp.resolve("report");
        Cli.Result r = Cli.ok("audit", "--model", run.toString(), "--forget", "--subject", subject, "--retrain", "3",
                "--report", report.toString(), "--cache", tmp.resolve("cache").toString());
        assertThat(r.out).contains("forget set").contains(subject).contains("never unlearned")
                .contains("report       " + report.resolve("index.html"));
        // The probe and the relearning test run by default, against the first retrained reference.
        assertThat(r.out).containsPattern("probe +forget accuracy [01]\\.\\d{3} \\(reference [01]\\.\\d{3}\\)")
                .containsPattern("relearn +>?\\d+ steps to forget accuracy [01]\\.\\d{3} \\(reference >?\\d+\\)");
        for (String f : new String[] {"audit.json", "index.html", "confidence.png", "roc.png", "accuracy.png",
                "epsilons.png", "confidence-unlearned.csv", "confidence-retrained.csv"}) {
            assertThat(report.resolve(f)).as(f).isRegularFile();
        }
        byte[] png = Files.readAllBytes(report.resolve("roc.png"));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        String html = Files.readString(report.resolve("index.html"));
        // Opens offline: nothing is fetched; every image is a file beside the page.
        assertThat(html).doesNotContain("http:").doesNotContain("https:").doesNotContain("<script")
                .doesNotContain("@import").doesNotContain("url(");
        Matcher img = Pattern.compile("src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            assertThat(report.resolve(img.group(1))).isRegularFile();
            images++;
        }
        assertThat(images).isEqualTo(4);
        assertThat(html).contains("Verdict").contains("Not measured in this audit")
                .contains("lethe audit canary").doesNotContain("lethe audit probe --model")
                .doesNotContain("lethe audit relearn --model")
                .contains("What was audited").contains("Parameter hash");
        String first = Files.readString(report.resolve("audit.json"));
        org.lethe.audit.json.AuditDocument measured = org.lethe.audit.json.AuditJson.read(report.resolve("audit.json"));
        assertThat(measured.linearProbe().reference()).isNotNull();
        assertThat(measured.relearn().reference()).isNotNull();
        assertThat(measured.canaryExposure()).isNull();

        // The second audit reuses every model; --json prints the document; --skip leaves the further tests out.
        JsonNode doc = Cli.ok("audit", "--model", run.toString(), "--subject", subject, "--retrain", "3",
                "--report", report.toString(), "--cache", tmp.resolve("cache").toString(), "--skip", "probe,relearn",
                "--json").json();
        assertThat(doc.get("method").asText()).isEqualTo("original");
        assertThat(doc.at("/timing/models_built").asInt()).isZero();
        assertThat(doc.at("/timing/models_from_cache").asInt()).isEqualTo(6);
        assertThat(doc.at("/forget_quality/forget_quality").asDouble()).isBetween(0.0, 1.0);
        assertThat(doc.at("/membership_inference/loss_threshold/auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(doc.has("linear_probe")).isTrue();
        assertThat(doc.get("linear_probe").isNull()).isTrue();
        assertThat(doc.get("relearn").isNull()).isTrue();
        // The audit names what it concerns, and a second audit never overwrites the first.
        assertThat(doc.at("/evidence/model_path").asText()).isEqualTo(run.toAbsolutePath().normalize().toString());
        assertThat(doc.at("/evidence/parameters_sha256").asText()).hasSize(64);
        assertThat(doc.at("/evidence/lethe_version").asText()).isNotEmpty();
        assertThat(doc.at("/evidence/deletion_record").isNull()).isTrue();
        assertThat(Files.readString(report.resolve("audit.json"))).isEqualTo(first);
        assertThat(tmp.resolve("report-2").resolve("audit.json")).isRegularFile();

        // The exported confidences reproduce F through 'lethe audit score', bit for bit.
        JsonNode score = Cli.ok("audit", "score", "--unlearned", report.resolve("confidence-unlearned.csv").toString(),
                "--retrained", report.resolve("confidence-retrained.csv").toString(), "--json").json();
        assertThat(score.get("forget_quality").asDouble()).isEqualTo(doc.at("/forget_quality/forget_quality").asDouble());
        assertThat(score.get("epsilons").toString()).isEqualTo(doc.at("/forget_quality/epsilons").toString());
    }

    @Test
    void anUnknownSubjectIsOneLineAndNonZero() {
        Cli.Result r = Cli.run("audit", "--model", run.toString(), "--subject", "no-such-person", "--retrain", "2",
                "--cache", tmp.resolve("cache-unknown").toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err).startsWith(Main.ERROR_PREFIX).contains("unknown subjects").contains("no-such-person");
    }

    @Test
    void aMissingModelIsOneLineAndNonZero() {
        Cli.Result r = Cli.run("audit", "--model", tmp.resolve("nowhere").toString(), "--subject", "x");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err).contains("--model: no such model directory").contains("nowhere");
    }

    @Test
    void usageMistakesAreOneLine() {
        Cli.Result both = Cli.run("audit", "--model", run.toString(), "--subject", subject, "--retrain", "2",
                "--reference", run.toString());
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.errLines()).hasSize(1);
        assertThat(both.err).contains("either --reference or --retrain");
        Cli.Result noSet = Cli.run("audit", "--model", run.toString(), "--retrain", "2",
                "--cache", tmp.resolve("cache-none").toString());
        assertThat(noSet.exitCode).isEqualTo(1);
        assertThat(noSet.errLines()).hasSize(1);
        assertThat(noSet.err).contains("was not written by a deletion");
        Cli.Result twoSets = Cli.run("audit", "--model", run.toString(), "--subject", subject, "--class", "3");
        assertThat(twoSets.exitCode).isEqualTo(2);
        assertThat(twoSets.errLines()).hasSize(1);
        Cli.Result unknownTest = Cli.run("audit", "--model", run.toString(), "--subject", subject, "--skip", "speed");
        assertThat(unknownTest.exitCode).isEqualTo(2);
        assertThat(unknownTest.errLines()).hasSize(1);
        assertThat(unknownTest.err).contains("--skip takes probe and relearn, got 'speed'");
    }
}
