package org.lethe.app.cli.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.curvature.EigenTiming;
import org.lethe.curvature.FisherKind;
import org.lethe.curvature.NoisyLabelExperiment;
import org.lethe.curvature.NoisyLabelResult;
import org.lethe.curvature.NoisyLabelRow;
import org.lethe.curvature.NoisyLabelRun;
import org.lethe.curvature.NoisyLabelScores;
import org.lethe.io.AtomicFiles;
import org.lethe.io.JsonFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe bench curvature}: the curvature-editing experiments of docs/curvature.md. */
@Command(name = "curvature",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Curvature editing: the eigendecomposition speed of a 1,025 x 1,025 factor, and the "
                + "noisy-label experiment (MLP fitted to 10% wrong labels, edited in its K-FAC eigenbasis, with "
                + "SVD, random-basis and OBD controls)."})
public final class BenchCurvatureCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of everything (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: the benchmark's).")
    private Integer epochs;

    @Option(names = "--train-size", paramLabel = "N", description = "Training examples (default: the benchmark's).")
    private Integer trainSize;

    @Option(names = "--fisher", split = ",", paramLabel = "KIND,...", description = "Fishers to sweep (default: all three).")
    private List<String> fishers;

    @Mixin
    private JsonFileOption json;

    /** The benchmark's result document. */
    public record Result(EigenTiming eigen, @JsonProperty("noisy_labels") NoisyLabelResult noisyLabels) {
    }

    @Override
    public Integer call() throws Exception {
        Path jsonFile = json.file();
        PrintWriter out = json.stdout() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        NoisyLabelExperiment.Settings s = NoisyLabelExperiment.Settings.standard(seed);
        List<FisherKind> kinds = s.fishers();
        if (fishers != null) {
            try {
                kinds = fishers.stream().map(FisherKind::parse).toList();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--fisher: " + e.getMessage());
            }
        }
        if ((epochs != null && epochs < 1) || (trainSize != null && trainSize < 10)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be >= 1 and --train-size >= 10");
        }
        s = new NoisyLabelExperiment.Settings(s.data(), trainSize == null ? s.trainSize() : trainSize, s.noiseRate(),
                s.widths(), epochs == null ? s.epochs() : epochs, s.batchSize(), s.learningRate(), s.weightDecays(),
                s.keepMasses(), kinds, s.controls(), seed);

        EigenTiming eigen = EigenTiming.measure(1025, 3, seed);
        out.printf("eigendecomposition of a 1,025 x 1,025 factor: %.3f s (one 1,025^3 product: %.3f s), "
                + "residual %.1e, orthogonality %.1e%n", eigen.seconds(), eigen.matmulSeconds(), eigen.relativeResidual(),
                eigen.orthogonalityError());
        out.flush();
        PrintWriter log = out;
        NoisyLabelResult noisy = new NoisyLabelExperiment(s).log(line -> {
            log.println(line);
            log.flush();
        }).run();
        for (NoisyLabelRun run : noisy.runs()) {
            out.printf("%nweight decay %s (trained in %.1f s)%n", run.weightDecay(), run.trainSeconds());
            out.printf("%-13s %-9s %-10s %5s %6s %6s %6s %6s %6s%n", "method", "fisher", "layers", "rho", "kept",
                    "mem%", "rec%", "clean%", "test%");
            row(out, "unedited", "", "", Double.NaN, 1.0, run.unedited());
            for (NoisyLabelRow r : run.rows()) {
                row(out, r.method(), r.fisher(), r.layers(), r.keepMass(), r.keptFraction(), r.scores());
            }
        }
        out.flush();
        Result result = new Result(eigen, noisy);
        if (jsonFile != null) {
            AtomicFiles.write(jsonFile, (JsonFiles.line(result) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (json.stdout()) {
            JsonOutput.print(spec.commandLine().getOut(), result);
        }
        return 0;
    }

    private static void row(PrintWriter out, String method, String fisher, String layers, double rho, double kept,
                            NoisyLabelScores s) {
        out.printf("%-13s %-9s %-10s %5s %6.3f %6.1f %6.1f %6.1f %6.1f%n", method, fisher, layers,
                Double.isNaN(rho) ? "" : String.valueOf(rho), kept, 100 * s.memorised(), 100 * s.recovered(),
                100 * s.cleanTrain(), 100 * s.test());
    }
}
