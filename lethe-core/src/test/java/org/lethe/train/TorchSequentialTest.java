package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Tensor;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;

/**
 * Networks saved by PyTorch as {@code torch.nn.Sequential} state dicts (the fixture in
 * {@code src/test/resources/org/lethe/train/torch}, written by its {@code make_fixture.py}) compute in Lethe the
 * logits PyTorch computed for the same inputs.
 */
class TorchSequentialTest {
    private static final Algebra F32 = ModelSpec.algebra("f32");

    private static Path fixture(String name) throws Exception {
        return Path.of(TorchSequentialTest.class.getResource("torch/" + name).toURI());
    }

    private static Module imported(String file, ModelSpec spec) throws Exception {
        Module model = spec.build(F32, 99);
        TorchSequential.load(SafeTensors.read(fixture(file)).tensors(), model, spec);
        model.train(false);
        return model;
    }

    private static void assertLogitsMatch(Module model, String expectedName, int[] inputShape) throws Exception {
        Map<String, NDArray> expected = SafeTensors.read(fixture("expected.safetensors")).tensors();
        NDArray inputs = expected.get("inputs");
        Tensor x = Tensor.constant(inputShape == null ? inputs : inputs.reshape(inputShape));
        double[] got = ((Layer) model).forward(x).value().toDoubles();
        double[] want = expected.get(expectedName).toDoubles();
        assertThat(got).hasSameSizeAs(want);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1.0, Math.abs(want[i])));
        }
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void anImportedMlpComputesPyTorchsLogits() throws Exception {
        assertLogitsMatch(imported("mlp.safetensors", ModelSpec.mlp(784, 32, 16, 10)), "mlp_logits", null);
    }

    @Test
    void anImportedCnnComputesPyTorchsLogits() throws Exception {
        assertLogitsMatch(imported("cnn.safetensors", ModelSpec.cnn()), "cnn_logits", new int[] {8, 1, 28, 28});
    }

    @Test
    void exportWritesTheNamesImportReads() throws Exception {
        ModelSpec spec = ModelSpec.mlp(784, 32, 16, 10);
        Module model = imported("mlp.safetensors", spec);
        Map<String, NDArray> torch = TorchSequential.toTorch(model, spec);
        assertThat(torch.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        Map<String, NDArray> original = SafeTensors.read(fixture("mlp.safetensors")).tensors();
        for (String name : torch.keySet()) {
            assertThat(torch.get(name).toDoubles()).containsExactly(original.get(name).toDoubles());
        }
        assertThat(TorchSequential.toTorch(imported("cnn.safetensors", ModelSpec.cnn()), ModelSpec.cnn()).keySet())
                .containsExactly("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight",
                        "9.bias");
    }

    @Test
    void aFileForAnotherNetworkIsRefusedWithWhatDiffers() throws Exception {
        Map<String, NDArray> mlp = SafeTensors.read(fixture("mlp.safetensors")).tensors();
        ModelSpec wider = ModelSpec.mlp(784, 64, 16, 10);
        assertThatThrownBy(() -> TorchSequential.load(mlp, wider.build(F32, 0), wider))
                .hasMessageContaining("has shape [32").hasMessageContaining("needs [64");
        ModelSpec deeper = ModelSpec.mlp(784, 32, 16, 16, 10);
        assertThatThrownBy(() -> TorchSequential.load(mlp, deeper.build(F32, 0), deeper))
                .hasMessageContaining("3 layers with parameters");
        Map<String, NDArray> renamed = new LinkedHashMap<>(mlp);
        renamed.put("head.weight", renamed.remove("4.weight"));
        assertThatThrownBy(() -> TorchSequential.load(renamed, ModelSpec.mlp(784, 32, 16, 10).build(F32, 0),
                ModelSpec.mlp(784, 32, 16, 10))).hasMessageContaining("head.weight");
    }
}
