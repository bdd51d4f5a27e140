package org.lethe.app.cli.curvature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.app.cli.Cli;
import org.lethe.curvature.KfacFactors;
import org.lethe.io.SafeTensors;
import org.lethe.tensor.NDArray;

/** Collection and edits through the command line on a small CNN (its convolutions) and on a character GPT. */
class CurvatureCnnAndGptTest {
    @TempDir
    Path tmp;

    /** The tensors of {@code out} that differ from {@code run}'s. */
    private static java.util.Set<String> changed(Path run, Path out) throws Exception {
        Map<String, NDArray> before = SafeTensors.read(run.resolve("model.safetensors")).tensors();
        Map<String, NDArray> after = SafeTensors.read(out.resolve("model.safetensors")).tensors();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        java.util.Set<String> differ = new java.util.TreeSet<>();
        for (String name : before.keySet()) {
            if (!java.util.Arrays.equals(before.get(name).toDoubles(), after.get(name).toDoubles())) {
                differ.add(name);
            }
        }
        return differ;
    }

    @Test
    void convolutionsOfACnnAreCollectedAndEdited() throws Exception {
        Path run = tmp.resolve("cnn");
        Cli.ok("train", "--data", "digits", "--model", "cnn", "--steps", "2", "--batch-size", "16",
                "--test-fraction", "0.9", "--out", run.toString(), "--json");
        Path factors = tmp.resolve("cnn.safetensors");
        JsonNode c = Cli.ok("curvature", "collect", "--model", run.toString(), "--max-examples", "12",
                "--out", factors.toString(), "--json").json();
        assertThat(c.get("layers").toString()).contains("conv0", "conv1", "fc0", "fc1");
        KfacFactors f = KfacFactors.read(factors);
        assertThat(f.layer("conv0").a().n()).isEqualTo(5 * 5 + 1);
        assertThat(f.layer("conv1").a().n()).isEqualTo(32 * 5 * 5 + 1);
        assertThat(f.layer("conv1").g().n()).isEqualTo(64);
        assertThat(f.layer("conv1").samples()).isEqualTo(12);

        Path out = tmp.resolve("cnn-v2");
        JsonNode r = Cli.ok("curvature", "edit", "--model", run.toString(), "--factors", factors.toString(),
                "--layers", "conv1", "--keep-mass", "0.6", "--out", out.toString(), "--json").json();
        assertThat(r.get("layers").get(0).get("kept_fraction").asDouble()).isBetween(0.0, 1.0);
        assertThat(changed(run, out)).containsExactlyInAnyOrder("conv1.weight", "conv1.bias");
        assertThat(Cli.ok("eval", "--model", out.toString(), "--json").json().toString()).contains("accuracy");

        // The band diagnostic of a convolution averages over every patch of the images; shares still sum to one.
        org.lethe.data.Dataset train = org.lethe.train.TrainingRun.open(run).data.trainDataset();
        Path ids = tmp.resolve("memorised.txt");
        java.nio.file.Files.write(ids, java.util.List.of(train.id(0), train.id(1)));
        JsonNode doc = Cli.ok("curvature", "spectrum", "--model", run.toString(), "--factors", factors.toString(),
                "--memorised", ids.toString(), "--clean-examples", "5", "--out", tmp.resolve("plots").toString(),
                "--json").json();
        assertThat(doc.get("files")).hasSize(12);
        for (JsonNode layer : doc.get("layers")) {
            double sum = 0;
            for (JsonNode v : layer.get("memorised")) {
                sum += v.asDouble();
            }
            assertThat(sum).as(layer.get("layer").asText()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void characterGptLayersAreCollectedAndEdited() throws Exception {
        Path run = tmp.resolve("gpt");
        Cli.ok("train", "--data", "names", "--steps", "3", "--width", "16", "--context", "8", "--out", run.toString(),
                "--json");
        Path factors = tmp.resolve("gpt.safetensors");
        Cli.ok("curvature", "collect", "--model", run.toString(), "--max-examples", "20", "--fisher", "sampled",
                "--out", factors.toString(), "--json");
        KfacFactors f = KfacFactors.read(factors);
        String head = f.names().get(f.names().size() - 1);
        // Every predicted position is a sample: 20 names of at least two characters give more than 20.
        assertThat(f.layer(head).samples()).isGreaterThan(20);
        assertThat(f.names()).contains("lm_head").hasSizeGreaterThan(4);
        String block = f.names().stream().filter(n -> n.startsWith("layer0.")).findFirst().orElseThrow();
        Path out = tmp.resolve("gpt-v2");
        Cli.ok("curvature", "edit", "--model", run.toString(), "--factors", factors.toString(), "--layers", block,
                "--keep-mass", "0.5", "--out", out.toString(), "--json");
        // One layer's weight (and bias, if it has one) changes; the layer's parameters sit under its block.
        assertThat(changed(run, out)).hasSizeBetween(1, 2).allMatch(name -> name.startsWith("layer0."));
        assertThat(Cli.ok("eval", "--model", out.toString(), "--json").json().toString()).contains("loss");

        Cli.Result data = Cli.run("curvature", "collect", "--model", run.toString(), "--data", "digits",
                "--out", tmp.resolve("x.safetensors").toString());
        assertThat(data.exitCode).isNotZero();
        assertThat(data.errLines()[0]).contains("--data takes classifier runs");
        assertThat(tmp.resolve("x.safetensors")).doesNotExist();
    }
}
