package org.lethe.app.cli.curvature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.curvature.CurvatureEditRecord;
import org.lethe.curvature.KfacFactors;
import org.lethe.io.SafeTensors;
import org.lethe.io.SafeTensorsHeader;
import org.lethe.io.TensorInfo;
import org.lethe.tensor.NDArray;

/** Factor collection and an edit of a tiny MLP through the command line. */
class CurvatureCommandsTest {
    @TempDir
    static Path tmp;
    static Path run;
    static Path factors;

    @BeforeAll
    static void trainAndCollect() {
        run = tmp.resolve("mlp");
        Cli.ok("train", "--data", "digits", "--hidden", "8", "--epochs", "1", "--batch-size", "64", "--test-fraction",
                "0.9", "--out", run.toString(), "--json");
        factors = tmp.resolve("f.safetensors");
        Cli.ok("curvature", "collect", "--model", run.toString(), "--fisher", "exact", "--max-examples", "50",
                "--out", factors.toString(), "--json");
    }

    @Test
    void factorFileHoldsF64FactorsOfTheStatedShapes() throws Exception {
        SafeTensorsHeader header = SafeTensors.readHeader(factors);
        Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
        for (TensorInfo t : header.tensors()) {
            assertThat(t.dtype().name()).isEqualTo("F64");
            shapes.put(t.name(), t.shape());
        }
        assertThat(shapes.get("fc0.A")).containsExactly(785, 785);
        assertThat(shapes.get("fc0.G")).containsExactly(8, 8);
        assertThat(shapes.get("fc1.A")).containsExactly(9, 9);
        assertThat(shapes.get("fc1.G")).containsExactly(10, 10);
        assertThat(KfacFactors.read(factors).layer("fc0").samples()).isEqualTo(50);
    }

    @Test
    void editWritesAVersionThatEvalOpensWithUntouchedLayersBitIdentical() throws Exception {
        Path out = tmp.resolve("mlp-v2");
        JsonNode r = Cli.ok("curvature", "edit", "--model", run.toString(), "--factors", factors.toString(),
                "--layers", "fc0", "--keep-mass", "0.6", "--out", out.toString(), "--json").json();
        assertThat(r.get("layers").get(0).get("kept_fraction").asDouble()).isBetween(0.0, 1.0);
        CurvatureEditRecord record = CurvatureEditRecord.readFrom(out);
        assertThat(record.layers()).hasSize(1);
        assertThat(record.fisher()).isEqualTo("exact");
        Map<String, NDArray> before = SafeTensors.read(run.resolve("model.safetensors")).tensors();
        Map<String, NDArray> after = SafeTensors.read(out.resolve("model.safetensors")).tensors();
        assertThat(after.get("fc1.weight").toDoubles()).containsExactly(before.get("fc1.weight").toDoubles());
        assertThat(after.get("fc1.bias").toDoubles()).containsExactly(before.get("fc1.bias").toDoubles());
        assertThat(after.get("fc0.weight").toDoubles()).isNotEqualTo(before.get("fc0.weight").toDoubles());
        assertThat(Cli.ok("eval", "--model", out.toString(), "--json").json().toString()).contains("accuracy");
    }

    @Test
    void badInputIsAOneLineUsageError() {
        Cli.Result r = Cli.run("curvature", "edit", "--model", run.toString(), "--factors", factors.toString(),
                "--layers", "fc0", "--keep-mass", "0", "--out", tmp.resolve("x").toString());
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.errLines()[0]).contains("--keep-mass must be positive");
        Cli.Result f = Cli.run("curvature", "collect", "--model", run.toString(), "--fisher", "true",
                "--out", tmp.resolve("y.safetensors").toString());
        assertThat(f.exitCode).isEqualTo(2);
        assertThat(f.err).contains("choose empirical, sampled or exact");
    }
}
