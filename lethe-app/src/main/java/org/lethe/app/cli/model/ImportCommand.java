package org.lethe.app.cli.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.app.cli.VersionInfo;
import org.lethe.data.DatasetSource;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.train.ModelCard;
import org.lethe.train.ModelSpec;
import org.lethe.train.TorchSequential;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe import --from torch}: a classifier trained with PyTorch, saved as a {@code torch.nn.Sequential}
 * state dict in safetensors, becomes a Lethe model file with its card, which every command that reads a model
 * (eval, predict, forget with {@code --data}, audit of the result) then takes.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Import a PyTorch classifier: a torch.nn.Sequential state dict saved with safetensors "
                + "(save_file(model.state_dict(), ...)) of an MLP (Linear, ReLU, ..., Linear) or the small CNN "
                + "(see docs/unlearning.md). Writes a Lethe model file with its card."})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--from", paramLabel = "FORMAT", required = true, description = "Where the model comes from: torch.")
    private String from;

    @Option(names = "--weights", paramLabel = "FILE", required = true, description = "The safetensors state dict.")
    private Path weights;

    @Option(names = "--arch", paramLabel = "ARCH", required = true,
            description = "The network: mlp:784,256,10 (input, hidden..., classes) or cnn (the small CNN).")
    private String arch;

    @Option(names = "--data", paramLabel = "DATA", description = "The data set it was trained on, recorded in the card "
            + "(digits, fashion-mnist, a path; default: unknown).")
    private String data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The Lethe model file to write "
            + "(.safetensors; its card goes beside it).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (!from.equals("torch")) {
            throw usage("--from: only torch is supported, got '" + from + "'");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw usage("--out must name a .safetensors file, got " + out);
        }
        if (Files.exists(out)) {
            throw usage("--out: " + out + " already exists");
        }
        if (!Files.isRegularFile(weights)) {
            throw usage("--weights: no such file: " + weights);
        }
        ModelSpec modelSpec;
        Map<String, NDArray> torch;
        Module model;
        String dataName = "unknown";
        String fingerprint = "unknown";
        try {
            modelSpec = parseArch(arch);
            torch = SafeTensors.read(weights).tensors();
            model = modelSpec.build(ModelSpec.algebra("f32"), 0);
            TorchSequential.load(torch, model, modelSpec);
            if (data != null) {
                dataName = data;
                fingerprint = DatasetSource.load(data).fingerprint();
            }
        } catch (IllegalArgumentException | IOException e) {
            throw usage(e.getMessage());
        }
        // How PyTorch trained the model is unknown: the card records only the algebra its weights now are in.
        ModelCard card = ModelCard.now(0, weights.toAbsolutePath().toString(),
                new ModelCard.Dataset(dataName, fingerprint), modelSpec, ModelCard.Training.algebraOnly("f32"));
        // The card first: the weights file is what makes the model exist, so it is written (atomically) last.
        card.write(ModelCard.cardPathFor(out));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "lethe.model.v1");
        meta.put("imported_from", "torch");
        SafeTensors.write(out, model, meta);
        spec.commandLine().getOut().printf("imported %s (%s, %d parameters) to %s%n", weights, describe(modelSpec),
                model.parameterCount(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** {@code mlp:784,256,10} (or with dashes) or {@code cnn}. */
    static ModelSpec parseArch(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("cnn")) {
            return ModelSpec.cnn();
        }
        if (t.startsWith("mlp:")) {
            String[] parts = t.substring(4).split("[,\\-]");
            List<Integer> widths = new ArrayList<>();
            for (String p : parts) {
                try {
                    int w = Integer.parseInt(p.strip());
                    if (w < 1) {
                        throw new NumberFormatException();
                    }
                    widths.add(w);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--arch: widths must be positive integers, got '" + p + "'");
                }
            }
            if (widths.size() < 2) {
                throw new IllegalArgumentException("--arch: an MLP needs at least input and output widths");
            }
            return ModelSpec.mlp(widths.stream().mapToInt(Integer::intValue).toArray());
        }
        throw new IllegalArgumentException("--arch must be mlp:IN,HIDDEN...,CLASSES or cnn, got '" + text + "'");
    }

    private static String describe(ModelSpec s) {
        return s.kind().equals("cnn") ? "small CNN" : "MLP " + s.toMap().get("widths");
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
