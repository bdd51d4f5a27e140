package org.lethe.app.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.io.SafeTensors;
import org.lethe.tensor.NDArray;

class TorchImportExportTest {
    private static Path fixture(String name) throws Exception {
        // The fixture lives with the core's test (TorchSequentialTest), which checks the logits it holds.
        return Path.of("..", "lethe-core", "src", "test", "resources", "org", "lethe", "train", "torch", name);
    }

    @Test
    void aPyTorchMlpComesInAndGoesBackOutUnchanged(@TempDir Path tmp) throws Exception {
        Path lethe = tmp.resolve("m.safetensors");
        Cli.ok("import", "--from", "torch", "--weights", fixture("mlp.safetensors").toString(), "--arch",
                "mlp:784,32,16,10", "--data", "digits", "--out", lethe.toString());
        assertThat(Cli.ok("info", "--model", lethe.toString()).out).contains("784");
        Path back = tmp.resolve("back.safetensors");
        Cli.ok("export", "--to", "torch", "--model", lethe.toString(), "--out", back.toString());
        Map<String, NDArray> original = SafeTensors.read(fixture("mlp.safetensors")).tensors();
        Map<String, NDArray> exported = SafeTensors.read(back).tensors();
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(original.keySet());
        for (String name : original.keySet()) {
            assertThat(exported.get(name).toDoubles()).containsExactly(original.get(name).toDoubles());
        }
    }

    @Test
    void aMismatchedArchitectureIsAUsageErrorAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("m.safetensors");
        Cli.Result r = Cli.run("import", "--from", "torch", "--weights", fixture("mlp.safetensors").toString(),
                "--arch", "mlp:784,64,10", "--out", out.toString());
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err).contains("3 layers with parameters").doesNotContain("Exception");
        assertThat(Files.exists(out)).isFalse();
        Cli.Result bad = Cli.run("import", "--from", "keras", "--weights", fixture("mlp.safetensors").toString(),
                "--arch", "cnn", "--out", out.toString());
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("only torch");
    }
}
