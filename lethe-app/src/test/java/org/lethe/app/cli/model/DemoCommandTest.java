package org.lethe.app.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;

class DemoCommandTest {
    private static final Pattern ACCURACY = Pattern.compile("held-out accuracy (\\d+\\.\\d+)% \\(([\\d,]+) of 2,000");
    private static final Pattern FED = Pattern.compile("they fed (\\d+) of (\\d+) steps");

    @TempDir
    Path tmp;

    private String demo(Path out, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "demo";
        full[1] = "--out";
        full[2] = out.toString();
        System.arraycopy(args, 0, full, 3, args.length);
        return Cli.ok(full).out;
    }

    /** Everything but the run directory and the timing, which legitimately differ between runs. */
    private static String comparable(String output, Path dir) {
        return output.replace(dir.toString(), "DIR").replaceAll("(?m)^time .*$", "").replaceAll("in \\d+\\.\\d+ s", "")
                .replaceAll("took \\d+\\.\\d+ s \\(\\d+\\.\\d+x longer\\)", "took");
    }

    @Test
    void trainsWithProvenanceFollowsASubjectAndIsReproducible() throws Exception {
        Path first = tmp.resolve("a");
        String out = demo(first, "--epochs", "1", "--seed", "3");
        Matcher m = ACCURACY.matcher(out);
        assertThat(m.find()).as("accuracy line in:%n%s", out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(85.0);
        Matcher fed = FED.matcher(out);
        assertThat(fed.find()).as("provenance line in:%n%s", out).isTrue();
        assertThat(Integer.parseInt(fed.group(1))).isBetween(1, 20);
        assertThat(fed.group(2)).isEqualTo("250");
        assertThat(out).contains("[1/7]").contains("[7/7]").containsPattern("(?m)^time \\d+\\.\\d+ s training");
        assertThat(out).contains("exact: the new ensemble is bit-identical to SISA trained from scratch without");
        assertThat(first.resolve("sisa-v2").resolve("deletion.json")).isRegularFile();
        assertThat(first.resolve("model.safetensors")).isRegularFile();
        assertThat(first.resolve("provenance.json")).isRegularFile();

        Path second = tmp.resolve("b");
        String again = demo(second, "--epochs", "1", "--seed", "3");
        assertThat(comparable(again, second)).isEqualTo(comparable(out, first));
        assertThat(Files.readAllBytes(second.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(first.resolve("model.safetensors")));

        Path third = tmp.resolve("c");
        String chosen = demo(third, "--epochs", "1", "--seed", "4", "--subject", "subject-0001");
        assertThat(comparable(chosen, third)).isNotEqualTo(comparable(out, first));
        assertThat(chosen).contains("subject-0001 owns");
    }

    private static final Pattern RUN_DIRECTORY = Pattern.compile("run directory (\\S+)");

    private static Path runDirectoryOf(Cli.Result r) {
        Matcher m = RUN_DIRECTORY.matcher(r.out);
        assertThat(m.find()).as("run directory line in:%n%s", r.out).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void itsTemporaryDirectoryIsRemovedEvenOnFailureUnlessKept() throws Exception {
        // An unknown subject fails once the run directory has been written (its config and data description).
        Cli.Result removed = Cli.run("demo", "--epochs", "1", "--subject", "nobody");
        assertThat(removed.exitCode).isNotZero();
        assertThat(removed.err).contains("unknown subject nobody");
        Path gone = runDirectoryOf(removed);
        assertThat(gone.getFileName().toString()).startsWith("lethe-demo-");
        assertThat(gone).doesNotExist();

        Cli.Result kept = Cli.run("demo", "--epochs", "1", "--subject", "nobody", "--keep");
        assertThat(kept.exitCode).isNotZero();
        Path left = runDirectoryOf(kept);
        try {
            assertThat(left.resolve("config.json")).isRegularFile();
        } finally {
            org.lethe.store.ModelVersions.discard(left);
        }
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws Exception {
        Files.writeString(tmp.resolve("keep.txt"), "mine");
        Cli.Result r = Cli.run("demo", "--out", tmp.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err).contains("not an empty directory");
    }

    @Test
    void theServiceDemoTakesOneRequestToACertificateThatChecksOffline() throws Exception {
        Path dir = tmp.resolve("service-demo");
        Cli.Result r = Cli.run("demo", "--service", "--out", dir.toString(), "--seed", "2");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("[1/5]").contains("[5/5]")
                .contains("POST /v1/deletion-requests (token app)          -> 201 dr_")
                .containsPattern("timeline: received -> verified -> approved -> queued -> running -> applied -> certified")
                .contains("certificate valid: request dr_")
                .contains("a copy with one byte of the entry changed: rejected (");
        Path certificate = dir.resolve("certificate.json");
        assertThat(certificate).isRegularFile();
        // The saved certificate checks with the offline command too, against the key the demo printed.
        Matcher key = Pattern.compile("ledger public key (\\S+)").matcher(r.out);
        assertThat(key.find()).isTrue();
        Cli.Result check = Cli.run("ledger", "verify-certificate", certificate.toString(), "--public-key", key.group(1));
        assertThat(check.exitCode).as(check.toString()).isZero();
        assertThat(Cli.run("ledger", "verify", "--data-dir", dir.resolve("service").toString()).exitCode).isZero();

        // A directory that is not empty is refused before anything is written.
        Cli.Result refused = Cli.run("demo", "--service", "--out", dir.toString());
        assertThat(refused.exitCode).isNotZero();
        assertThat(refused.err).contains("must be a new or empty directory");

        // Without --out the temporary directory is removed afterwards.
        Cli.Result temporary = Cli.run("demo", "--service");
        assertThat(temporary.exitCode).as(temporary.toString()).isZero();
        assertThat(runDirectoryOf(temporary)).doesNotExist();
    }
}
