package org.lethe.app.cli.curvature;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.curvature.FisherKind;
import org.lethe.curvature.KfacFactors;
import org.lethe.curvature.LayerFactors;
import org.lethe.curvature.StoredCurvature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe curvature collect}: the K-FAC factors of a run's linear and convolutional layers, as a safetensors file. */
@Command(name = "collect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Collect the K-FAC factors A (inputs, homogeneous coordinate last) and G (per-example "
                + "output gradients) of a model's linear and convolutional layers (KFC: im2col patches as inputs, "
                + "output-gradient outer products summed over positions), normalised by the number of examples.",
                "A character GPT counts every predicted position of its training documents as an example.",
                "The file holds L.A and L.G in F64 for every layer L."})
public final class CurvatureCollectCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--data", paramLabel = "D",
            description = "Collect over every example of this data set instead of the model's training examples "
                    + "(classifiers only).")
    private String data;

    @Option(names = "--layers", split = ",", paramLabel = "L,...", description = "Layers (default: every linear and convolutional layer).")
    private List<String> layers = new ArrayList<>();

    @Option(names = "--fisher", defaultValue = "empirical", paramLabel = "KIND",
            description = "empirical, sampled or exact (default: ${DEFAULT-VALUE}).")
    private String fisher;

    @Option(names = "--max-examples", defaultValue = "0", paramLabel = "N",
            description = "Use a seeded sample of at most N examples (default: all).")
    private int maxExamples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sampled Fisher and the sample (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "F.safetensors", description = "The factor file to write.")
    private Path out;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        FisherKind kind;
        try {
            kind = FisherKind.parse(fisher);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fisher: " + e.getMessage());
        }
        if (maxExamples < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-examples must not be negative");
        }
        Path runDir = model.resolve().requireRun().root();
        long start = System.nanoTime();
        KfacFactors factors;
        try (Progress p = Progress.start("collect", 0)) {
            factors = StoredCurvature.collect(runDir, data, layers, kind, maxExamples, seed,
                    done -> p.message(done + " examples"));
        }
        factors.write(out);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter pw = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(pw, new CollectResult(out.toAbsolutePath().toString(), kind.label(), factors.names(),
                    factors.layers().get(0).samples(), seconds));
        } else {
            for (LayerFactors f : factors.layers()) {
                pw.printf("%s: A %d x %d, G %d x %d over %d samples%n", f.layer(), f.a().n(), f.a().n(), f.g().n(),
                        f.g().n(), f.samples());
            }
            pw.printf("%s Fisher factors written to %s in %.1f s%n", kind.label(), out, seconds);
            pw.flush();
        }
        return 0;
    }

    /** The JSON report. */
    record CollectResult(String factors, String fisher, List<String> layers, long samples, double seconds) {
    }
}
