package org.lethe.app.cli.forget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;

/** {@code lethe forget} through the registry, and the version line {@code lethe info} shows afterwards. */
class ForgetCommandTest {
    @TempDir
    static Path tmp;
    static Path run;
    static String subject;

    @BeforeAll
    static void train() {
        run = tmp.resolve("digits");
        Cli.ok("train", "--data", "digits", "--hidden", "8", "--epochs", "1", "--batch-size", "64", "--test-fraction",
                "0.9", "--subjects-per", "10", "--out", run.toString(), "--json");
        subject = Cli.ok("data", "batch", "--model", run.toString(), "--step", "0", "--json").json()
                .at("/examples/0/subject").asText();
    }

    @Test
    void listsTheRegisteredMethodsWithoutAModel() {
        String out = Cli.ok("forget", "--list-methods").out;
        assertThat(out).contains("sisa  (exact, for SISA ensembles)", "replay  (exact, for single models)",
                "retrain  (exact, for single models)", "amnesiac  (approximate, for single models)",
                "--param fine_tune_steps (integer, default 60)");
    }

    @Test
    void methodAndParameterMistakesAreOneLineErrorsWithExitCode2() {
        Cli.Result unknown = Cli.run("forget", "--model", run.toString(), "--subject", subject, "--method", "no-such-method");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).startsWith("lethe: error: unknown deletion method 'no-such-method' (known: sisa, "
                + "replay, retrain, amnesiac, finetune");
        Cli.Result wrongKind = Cli.run("forget", "--model", run.toString(), "--subject", subject, "--method", "sisa");
        assertThat(wrongKind.exitCode).isEqualTo(2);
        assertThat(wrongKind.err).contains("deletes from SISA ensembles, not from a single model");
        Cli.Result badParam = Cli.run("forget", "--model", run.toString(), "--subject", subject, "--method",
                "amnesiac", "--param", "fine_tune_steps=many");
        assertThat(badParam.exitCode).isEqualTo(2);
        assertThat(badParam.err).contains("parameter fine_tune_steps must be an integer, got 'many'");
        Cli.Result both = Cli.run("forget", "--model", run.toString(), "--subject", subject, "--method", "amnesiac",
                "--param", "fine_tune_steps=2", "--fine-tune-steps", "3");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("old spelling");
        Cli.Result missingIds = Cli.run("forget", "--model", run.toString(), "--ids", tmp.resolve("none.txt").toString());
        assertThat(missingIds.exitCode).isEqualTo(2);
        for (Cli.Result r : new Cli.Result[] {unknown, wrongKind, badParam, both, missingIds}) {
            assertThat(r.errLines()).as(r.toString()).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void aDeletionRecordsItsMethodAndSettingsAndInfoShowsTheVersionLine() {
        Path next = tmp.resolve("digits-v2");
        JsonNode record = Cli.ok("forget", "--model", run.toString(), "--subject", subject, "--method", "retrain",
                "--requester", "dpo", "--json").json();
        assertThat(record.get("method").asText()).isEqualTo("retrain");
        assertThat(record.get("exact").asBoolean()).isTrue();
        assertThat(record.get("parameters").size()).isZero();
        assertThat(record.get("model_after").asText()).isEqualTo(next.toAbsolutePath().toString());
        assertThat(Cli.keys(record)).containsExactly("format", "method", "exact", "parameters", "removed_ids",
                "removed_count", "subjects", "already_deleted", "recomputed", "wall_seconds", "model_before",
                "model_after", "hash_before", "hash_after", "reason", "requester", "time", "deleted_from",
                "new_version");
        assertThat(record.get("new_version").asText()).isEqualTo(next.toAbsolutePath().toString());

        JsonNode versions = Cli.ok("info", "--model", next.toString(), "--json").json().get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("deletion").isNull()).isTrue();
        assertThat(versions.get(1).get("this_model").asBoolean()).isTrue();
        assertThat(versions.get(1).get("parent").asText()).isEqualTo(run.toAbsolutePath().toString());
        assertThat(versions.get(1).at("/deletion/requester").asText()).isEqualTo("dpo");
        assertThat(Cli.ok("info", "--model", next.toString()).out)
                .contains("versions      2 (* this one")
                .containsPattern("\\* digits-v2 +head +from digits: removed \\d+ example\\(s\\) of " + subject
                        + " by retrain \\(exact\\), .*, requested by dpo");

        // Deleting the same subject again writes nothing: no new version, and the no-op flag last.
        JsonNode noOp = Cli.ok("forget", "--model", next.toString(), "--subject", subject, "--json").json();
        assertThat(Cli.keys(noOp)).endsWith("time", "deleted_from", "new_version", "no_op");
        assertThat(noOp.get("new_version").isNull()).isTrue();
        assertThat(noOp.get("no_op").asBoolean()).isTrue();
    }
}
