package org.lethe.app.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Main;
import picocli.CommandLine;

class AuditScoreCommandTest {
    @TempDir
    Path dir;

    private static final class Run {
        final int code;
        final String out;
        final String err;

        Run(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        full[0] = "audit";
        full[1] = "score";
        System.arraycopy(args, 0, full, 2, args.length);
        int code = cl.execute(full);
        return new Run(code, out.toString(), err.toString());
    }

    private Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    // The same three confidences per example in both files (rows in another order): every rule predicts both sides
    // alike, so every epsilon is 0 and F = 1 (see ForgetQualityTest).
    private static final String MODELS = "0.5, -1.25, 3\n1.5, 0.25, 2\n2.5, 1.0, 4.5\n";
    private static final String SAME_MODELS_REORDERED = "2.5,1.0,4.5\n\n0.5,-1.25,3\n1.5,0.25,2\n";

    @Test
    void jsonReportsTheScoreAndTheFinalScore() throws Exception {
        Path u = csv("u.csv", MODELS);
        Path r = csv("r.csv", SAME_MODELS_REORDERED);
        Run run = run("--unlearned", u.toString(), "--retrained", r.toString(), "--json",
                "--retain-accuracy", "0.9,1.0", "--test-accuracy", "0.8, 0.8");
        assertThat(run.err).isEmpty();
        assertThat(run.code).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out);
        assertThat(j.get("forget_quality").asDouble()).isEqualTo(1.0);
        assertThat(j.get("n_models").asInt()).isEqualTo(3);
        assertThat(j.get("n_examples").asInt()).isEqualTo(3);
        assertThat(j.get("epsilons")).hasSize(3);
        j.get("epsilons").forEach(e -> assertThat(e.asDouble()).isZero());
        // 1 * (0.9 / 1.0) * (0.8 / 0.8) = 0.9.
        assertThat(j.get("final_score").asDouble()).isCloseTo(0.9, within(1e-15));
    }

    @Test
    void jsonOmitsTheFinalScoreWithoutAccuracies() throws Exception {
        Run run = run("--unlearned", csv("u.csv", MODELS).toString(), "--retrained",
                csv("r.csv", SAME_MODELS_REORDERED).toString(), "--json");
        assertThat(run.code).isZero();
        assertThat(new ObjectMapper().readTree(run.out).has("final_score")).isFalse();
    }

    @Test
    void jsonIsOneLineWithItsKeysInOrder() throws Exception {
        Path u = csv("u.csv", "1,0\n2,1\n3,2\n4,3\n");
        Path r = csv("r.csv", "4,10\n3,11\n2,12\n1,13\n");
        String head = "{\"forget_quality\":0.5,\"n_models\":4,\"n_retrained_models\":4,\"n_examples\":2,"
                + "\"epsilons\":[0.0,50.0],\"points\":[1.0,0.0]";
        assertThat(run("--unlearned", u.toString(), "--retrained", r.toString(), "--json").out)
                .isEqualTo(head + "}" + System.lineSeparator());
        assertThat(run("--unlearned", u.toString(), "--retrained", r.toString(), "--json", "--retain-accuracy",
                "0.9,1.0", "--test-accuracy", "0.8, 0.7").out).isEqualTo(head + ",\"retain_accuracy_ratio\":0.9,"
                + "\"test_accuracy_ratio\":1.142857142857143,\"final_score\":0.5142857142857143}"
                + System.lineSeparator());
    }

    @Test
    void humanReportShowsFAndThePointsHistogram() throws Exception {
        // Example 1 identical (epsilon 0, 1 point); example 2 perfectly separated (0..3 vs 10..13, epsilon 50).
        // N = 4: buckets up to ceil(ln 3) = 2, so [0, 0.5) ... [1.5, 2.0) and ">= 2.0"; F = (1 + 0) / 2.
        Path u = csv("u.csv", "1,0\n2,1\n3,2\n4,3\n");
        Path r = csv("r.csv", "4,10\n3,11\n2,12\n1,13\n");
        Run run = run("--unlearned", u.toString(), "--retrained", r.toString());
        assertThat(run.err).isEmpty();
        assertThat(run.out).contains("forget quality F = 0.500000")
                .contains("2 forget examples; 4 unlearned and 4 retrained models")
                .containsPattern("\\[0\\.0, 0\\.5\\)\\s+1\\s+1\\n")
                .containsPattern("\\[1\\.5, 2\\.0\\)\\s+1/8\\s+0\\n")
                .containsPattern(">= 2\\.0\\s+0\\s+1\\n")
                .doesNotContain("final score");
    }

    @Test
    void raggedRowsAreReportedWithFileAndLine() throws Exception {
        Path u = csv("u.csv", "1,2,3\n4,5,6\n7,8\n");
        Run run = run("--unlearned", u.toString(), "--retrained", csv("r.csv", MODELS).toString());
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err.strip()).isEqualTo(Main.ERROR_PREFIX + u + ": line 3: 2 values, but line 1 has 3"
                + " (every row needs one value per example)");
    }

    @Test
    void nonNumbersAreReportedWithLineAndColumn() throws Exception {
        Path r = csv("r.csv", "1,2,3\n4,abc,6\n");
        Run run = run("--unlearned", csv("u.csv", MODELS).toString(), "--retrained", r.toString());
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err.strip()).isEqualTo(Main.ERROR_PREFIX + r + ": line 2, column 2: not a number: 'abc'");
        Path inf = csv("inf.csv", "1,2,3\n4,Infinity,6\n");
        assertThat(run("--unlearned", csv("u.csv", MODELS).toString(), "--retrained", inf.toString()).err)
                .contains("line 2, column 2: not a finite number: 'Infinity'");
    }

    @Test
    void mismatchedColumnsAndTooFewRowsAreRejected() throws Exception {
        Path u = csv("u.csv", MODELS);
        Path r = csv("r.csv", "1,2\n3,4\n");
        Run run = run("--unlearned", u.toString(), "--retrained", r.toString());
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err.strip()).isEqualTo(Main.ERROR_PREFIX + u + " has 3 columns but " + r
                + " has 2 (both need one column per forget example)");
        Path one = csv("one.csv", "1,2,3\n");
        Run single = run("--unlearned", u.toString(), "--retrained", one.toString());
        assertThat(single.code).isEqualTo(1);
        assertThat(single.err).contains(one + ": 1 row, but at least 2 are needed");
        Run missing = run("--unlearned", dir.resolve("nope.csv").toString(), "--retrained", u.toString());
        assertThat(missing.err.strip()).isEqualTo(Main.ERROR_PREFIX + "no such file: " + dir.resolve("nope.csv"));
    }

    @Test
    void accuracyOptionsAreUsageErrors() throws Exception {
        String u = csv("u.csv", MODELS).toString();
        String r = csv("r.csv", MODELS).toString();
        Run onlyOne = run("--unlearned", u, "--retrained", r, "--retain-accuracy", "0.9,1");
        assertThat(onlyOne.code).isEqualTo(2);
        assertThat(onlyOne.err).contains("needs both --retain-accuracy and --test-accuracy");
        Run badPair = run("--unlearned", u, "--retrained", r, "--retain-accuracy", "0.9", "--test-accuracy", "1,1");
        assertThat(badPair.code).isEqualTo(2);
        assertThat(badPair.err).contains("--retain-accuracy must be two accuracies U_acc,R_acc, got '0.9'");
        Run zero = run("--unlearned", u, "--retrained", r, "--retain-accuracy", "0.9,1", "--test-accuracy", "1,0");
        assertThat(zero.code).isEqualTo(2);
        assertThat(zero.err).contains("--test-accuracy: the retrained accuracy must be positive");
        assertThat(zero.err.split("\\R")).hasSize(1);
    }

    @Test
    void auditWithoutSubcommandIsAUsageError() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("audit")).isEqualTo(2);
        assertThat(err.toString()).contains("score");
    }
}
