package org.lethe.app.cli.forget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.store.ModelLine;
import org.lethe.store.ModelLineLock;

/**
 * One version line per model: deletions accumulate on the newest version, an older version is refused unless a
 * branch is asked for, a repeated deletion writes nothing, and a deletion that finds the line locked waits for it
 * or, with {@code --no-wait}, fails at once with a one-line message.
 */
class VersionLineCommandTest {
    @Test
    void deletionsAccumulateOnTheHeadAndOlderVersionsNeedABranch(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("digits");
        Cli.ok("train", "--data", "digits", "--hidden", "8", "--epochs", "1", "--batch-size", "64", "--test-fraction",
                "0.9", "--subjects-per", "10", "--out", run.toString(), "--json");
        List<String> subjects = List.of(
                Cli.ok("data", "batch", "--model", run.toString(), "--step", "0", "--json").json().at("/examples/0/subject").asText(),
                Cli.ok("data", "batch", "--model", run.toString(), "--step", "1", "--json").json().at("/examples/0/subject").asText());
        String a = subjects.get(0);
        String b = subjects.get(1);

        Cli.ok("forget", "--model", run.toString(), "--subject", a, "--requester", "dpo", "--reason", "art. 17");
        Cli.Result second = Cli.ok("forget", "--model", run.toString(), "--subject", b);
        assertThat(second.out).contains("deleting from the newest version of digits: " + tmp.resolve("digits-v2"));
        assertThat(second.out).containsPattern("recomputed: first affected step \\d+, restored after step \\d+, steps "
                + "replayed \\d+, steps total \\d+").doesNotContain("{");
        Path v3 = tmp.resolve("digits-v3");
        assertThat(Cli.ok("data", "steps", "--model", v3.toString(), "--subject", a, "--json").json()
                .get("step_count").asInt()).isZero();
        assertThat(Cli.ok("data", "steps", "--model", v3.toString(), "--subject", a).out)
                .contains(a + " was deleted from this version");
        assertThat(Cli.ok("data", "steps", "--model", run.toString(), "--subject", a, "--json").json()
                .get("step_count").asInt()).isPositive();

        Cli.Result again = Cli.ok("forget", "--model", run.toString(), "--subject", a);
        assertThat(again.out).contains("nothing to delete").contains("no new version written");
        assertThat(tmp.resolve("digits-v4")).doesNotExist();

        Cli.Result older = Cli.run("forget", "--model", tmp.resolve("digits-v2").toString(), "--subject", b);
        assertThat(older.exitCode).isEqualTo(2);
        assertThat(older.err).contains("is an older version of model digits").contains("--branch");
        assertThat(older.errLines()).hasSize(1);

        Cli.ok("forget", "--model", tmp.resolve("digits-v2").toString(), "--subject", b, "--branch");
        JsonNode line = Cli.ok("versions", "--model", run.toString(), "--json").json();
        assertThat(line.get("head").asText()).isEqualTo(v3.toAbsolutePath().toString());
        assertThat(line.get("versions")).hasSize(4);
        assertThat(Cli.keys(line)).containsExactly("line", "head", "versions");
        assertThat(Cli.keys(line.at("/versions/1"))).containsExactly("version", "this_model", "head", "branch",
                "parent", "deletion", "unreadable");
        assertThat(Cli.keys(line.at("/versions/1/deletion")).subList(0, 3)).containsExactly("format", "method",
                "exact");
        assertThat(line.at("/versions/1/deletion/time").isTextual()).isTrue();
        assertThat(line.at("/versions/3/branch").asBoolean()).isTrue();
        assertThat(line.at("/versions/1/deletion/requester").asText()).isEqualTo("dpo");
        assertThat(line.at("/versions/1/deletion/reason").asText()).isEqualTo("art. 17");
        assertThat(Cli.ok("versions", "--model", run.toString()).out)
                .containsPattern("digits-v3 +head +from digits-v2: removed \\d+ example\\(s\\) of " + b)
                .containsPattern("digits-v4 +branch +from digits-v2");

        // A deletion that finds the line locked fails at once with --no-wait, and otherwise waits for the lock.
        try (ModelLineLock held = ModelLine.of(run).lock(Duration.ZERO)) {
            Cli.Result busy = Cli.run("forget", "--model", run.toString(), "--subject", b, "--no-wait");
            assertThat(busy.exitCode).isEqualTo(1);
            assertThat(busy.err).startsWith("lethe: error: model digits is being changed by another deletion");
            assertThat(busy.errLines()).hasSize(1);
        }
        assertThat(Files.list(tmp).filter(p -> p.getFileName().toString().contains("staging"))).isEmpty();
    }
}
