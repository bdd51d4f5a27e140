package org.lethe.app.cli.algebra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.weights.WeightEditRecord;

class AlgebraCommandsTest {
    @TempDir
    static Path tmp;
    static Path a;
    static Path b;
    static Path wide;

    @BeforeAll
    static void train() {
        a = tmp.resolve("a");
        b = tmp.resolve("b");
        wide = tmp.resolve("wide");
        assertThat(Cli.run("train", "--data", "digits", "--hidden", "16,8", "--steps", "40", "--seed", "1", "--out", a.toString()).exitCode).isZero();
        assertThat(Cli.run("train", "--data", "digits", "--hidden", "16,8", "--steps", "40", "--seed", "2", "--out", b.toString()).exitCode).isZero();
        assertThat(Cli.run("train", "--data", "digits", "--hidden", "17,8", "--steps", "5", "--seed", "2", "--out", wide.toString()).exitCode).isZero();
    }

    @Test
    void alignWritesAVersionWithItsRecordAndKeepsTheFunction() throws Exception {
        Path out = tmp.resolve("a-aligned");
        Cli.Result r = Cli.run("algebra", "align", "--model", a.toString(), "--to", b.toString(), "--out", out.toString(), "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.json().get("sweeps").asInt()).isPositive();
        WeightEditRecord record = WeightEditRecord.readFrom(out);
        assertThat(record.operation()).isEqualTo("align");
        assertThat(record.ingredients()).extracting(i -> i.role()).containsExactly("model", "to");
        JsonNode before = Cli.run("eval", "--model", a.toString(), "--json").json();
        JsonNode after = Cli.run("eval", "--model", out.toString(), "--json").json();
        assertThat(after.get("metrics").get("accuracy").asDouble()).isEqualTo(before.get("metrics").get("accuracy").asDouble());

        Cli.Result act = Cli.run("algebra", "align", "--model", a.toString(), "--to", b.toString(), "--method", "activations",
                "--data", "digits", "--examples", "300", "--out", tmp.resolve("a-act").toString(), "--json");
        assertThat(act.exitCode).as(act.toString()).isZero();
    }

    @Test
    void interpolateReportsThePathAndBarriers() {
        Cli.Result r = Cli.run("algebra", "interpolate", "--model", a.toString(), "--to", b.toString(), "--align", "weights",
                "--points", "5", "--data", "digits", "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.json().get("path").get("loss").size()).isEqualTo(5);
        assertThat(r.json().get("path").get("loss_barrier").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void taskVectorApplyMergeAndKeys() throws Exception {
        Path tau = tmp.resolve("tau");
        assertThat(Cli.run("algebra", "task-vector", "--model", a.toString(), "--base-init", a.toString(), "--out", tau.toString()).exitCode).isZero();
        assertThat(tau.resolve("task-vector.safetensors")).exists();
        Cli.Result applied = Cli.run("algebra", "apply", "--model", a.toString(), "--vector", tau.toString(), "--lambda", "auto",
                "--data", "digits", "--control-classes", "5,6,7,8,9", "--out", tmp.resolve("a-minus").toString(), "--json");
        assertThat(applied.exitCode).as(applied.toString()).isZero();
        assertThat(applied.json().get("lambda").asDouble()).isPositive();
        for (String method : new String[] {"average", "fisher", "ties", "dare"}) {
            Cli.Result m = Cli.run("algebra", "merge", "--model", a.toString(), "--model", b.toString(), "--method", method,
                    "--data", "digits", "--examples", "200", "--base-init", a.toString(), "--out", tmp.resolve("m-" + method).toString(), "--json");
            if (method.equals("average") || method.equals("fisher")) {
                // a base is only for task-vector merges, but it does no harm to the averages
                assertThat(m.exitCode).as(m.toString()).isZero();
            } else {
                assertThat(m.exitCode).as(m.toString()).isZero();
            }
            assertThat(WeightEditRecord.readFrom(tmp.resolve("m-" + method)).method()).isEqualTo(method);
        }
        Path dict = tmp.resolve("dict");
        assertThat(Cli.run("algebra", "keys", "--dict", dict.toString(), "--create-from", a.toString()).exitCode).isZero();
        assertThat(Cli.run("algebra", "keys", "--dict", dict.toString(), "--insert", "all", "--from", a.toString()).exitCode).isZero();
        Cli.Result foreign = Cli.run("algebra", "keys", "--dict", dict.toString(), "--insert", "b", "--from", b.toString());
        assertThat(foreign.exitCode).isEqualTo(2);
        assertThat(foreign.errLines()).hasSize(1);
        assertThat(Cli.run("algebra", "keys", "--dict", dict.toString(), "--remove", "all").exitCode).isZero();
        assertThat(Cli.run("algebra", "keys", "--dict", dict.toString(), "--undo").exitCode).isZero();
        Cli.Result listed = Cli.run("algebra", "keys", "--dict", dict.toString(), "--json");
        assertThat(listed.json().get("manifest").get("keys").get(0).get("active").asBoolean()).isTrue();
        Path built = tmp.resolve("built");
        assertThat(Cli.run("algebra", "keys", "--dict", dict.toString(), "--build", built.toString()).exitCode).isZero();
        assertThat(Files.isRegularFile(built.resolve("weight-edit.json"))).isTrue();
    }

    @Test
    void mismatchedArchitecturesAndBadUsageAreOneLineErrors() {
        for (Cli.Result r : new Cli.Result[] {
                Cli.run("algebra", "align", "--model", a.toString(), "--to", wide.toString(), "--out", tmp.resolve("x").toString()),
                Cli.run("algebra", "interpolate", "--model", a.toString(), "--to", wide.toString(), "--data", "digits"),
                Cli.run("algebra", "merge", "--model", a.toString(), "--model", wide.toString(), "--out", tmp.resolve("y").toString()),
                Cli.run("algebra", "align", "--model", a.toString(), "--to", b.toString(), "--method", "magic"),
                Cli.run("algebra", "merge", "--model", a.toString(), "--model", b.toString(), "--method", "ties")}) {
            assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
        }
        assertThat(Cli.run("algebra", "align", "--model", a.toString(), "--to", wide.toString()).errLines()[0]).contains("mismatched");
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();
        for (String command : new String[] {"align", "interpolate", "task-vector", "apply", "merge", "keys"}) {
            assertThat(Cli.run("algebra", command, "--help").exitCode).isZero();
        }
    }
}
