package org.lethe.app.cli.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.LoadedModel;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.io.SafeTensors;
import org.lethe.tensor.NDArray;
import org.lethe.train.TorchSequential;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe export --to torch}: a Lethe MLP or small CNN (a run, a deleted version, an imported file) as a
 * {@code torch.nn.Sequential} state dict in safetensors, which PyTorch loads with
 * {@code model.load_state_dict(safetensors.torch.load_file(path))}.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Export a model's weights for PyTorch: a torch.nn.Sequential state dict in safetensors "
                + "(MLPs: Linear, ReLU, ..., Linear; the small CNN: see docs/unlearning.md)."})
public final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--to", paramLabel = "FORMAT", required = true, description = "Target: torch.")
    private String to;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The safetensors file to write.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (!to.equals("torch")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to: only torch is supported, got '" + to + "'");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must name a .safetensors file, got " + out);
        }
        Map<String, NDArray> torch;
        try {
            LoadedModel m = LoadedModel.load(model.resolve());
            torch = TorchSequential.toTorch(m.model, m.spec);
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SafeTensors.write(out, torch, Map.of("format", "pt"));
        spec.commandLine().getOut().printf("exported %s (%d tensors) to %s%n", model.path(), torch.size(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
