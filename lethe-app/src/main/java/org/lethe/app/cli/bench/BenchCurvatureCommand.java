package org.lethe.app.cli.bench;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.lethe.app.cli.JsonFileOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.audit.CanaryCurvatureEdit;
import org.lethe.audit.CanaryExperiment;
import org.lethe.curvature.EigenTiming;
import org.lethe.data.TextCorpus;
import org.lethe.store.ModelVersions;
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

    @Option(names = "--canary", description = "Run the canary experiment on a character GPT instead: exposure of "
            + "inserted canaries and of never-inserted controls, and held-out loss, before and after the forget-set "
            + "curvature edit (and after exact retraining, the reference).")
    private boolean canary;

    @Option(names = "--ratios", split = ",", paramLabel = "R,...", defaultValue = "10,30,100,300,1000",
            description = "With --canary: drop eigen-pairs whose canary curvature exceeds R times their retain "
                    + "curvature, at each R with one factor over all canaries and with one per canary (default: "
                    + "${DEFAULT-VALUE}).")
    private double[] ratios;

    @Option(names = "--keep-masses", split = ",", paramLabel = "RHO,...", defaultValue = "0.99,0.999,0.9999",
            description = "With --canary: also the untargeted keep-mass edit of every layer at each RHO (default: "
                    + "${DEFAULT-VALUE}).")
    private double[] keepMasses;

    @Mixin
    private JsonFileOption json;

    /** The benchmark's result document. */
    public record Result(EigenTiming eigen, @JsonProperty("noisy_labels") NoisyLabelResult noisyLabels) {
    }

    /** The canary benchmark's result document. */
    public record CanaryResult(long seed, @JsonProperty("canary_edit") CanaryCurvatureEdit.Result canaryEdit) {
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
        if (canary) {
            return canary(out, jsonFile);
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
            for (String fisher : run.collectSeconds().keySet()) {
                out.printf("%s Fisher: collected in %.2f s, decomposed in %.2f s; with the slowest all-layer edit, "
                        + "%.1f%% of the training time%n", fisher, run.collectSeconds().get(fisher),
                        run.decomposeSeconds().get(fisher), 100 * run.curvatureShareOfTraining(fisher));
            }
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

    private Integer canary(PrintWriter out, Path jsonFile) throws Exception {
        CanaryExperiment.Options o = new CanaryExperiment.Options();
        // Exposure of one secret is noisy; means over several canaries and controls are compared.
        o.canaries = 4;
        o.controls = 16;
        o.training.seed = seed;
        o.exposure.seed = seed;
        if (epochs != null) {
            o.training.epochs = epochs;
        }
        try {
            o.validate();
            for (double rho : keepMasses) {
                if (!(rho > 0)) {
                    throw new IllegalArgumentException("--keep-masses must be positive, got " + rho);
                }
            }
            for (double r : ratios) {
                if (!(r > 0) || Double.isInfinite(r)) {
                    throw new IllegalArgumentException("--ratios must be positive and finite, got " + r);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = Files.createTempDirectory("lethe-canary-curvature-");
        CanaryCurvatureEdit.Result r;
        try {
            r = CanaryCurvatureEdit.run(TextCorpus.names(), dir, o, ratios, keepMasses, line -> {
                out.println(line);
                out.flush();
            });
        } finally {
            ModelVersions.discard(dir);
        }
        out.printf(Locale.ROOT, "%n%d canaries x %d copies among %d training documents; %d candidates (max exposure "
                + "%.2f bits); GPT trained in %.1f s, factors collected in %.1f s%n", o.canaries, o.repeats,
                r.trainingDocuments(), r.candidates(), r.maxExposure(), r.trainSeconds(), r.collectSeconds());
        out.printf("%-26s %9s %16s %17s %10s%n", "model", "dropped", "canary exposure", "control exposure",
                "test loss");
        out.printf(Locale.ROOT, "%-26s %9s %16.2f %17.2f %10.4f%n", "trained", "", r.canaryExposureBefore(),
                r.controlExposureBefore(), r.testLossBefore());
        out.printf(Locale.ROOT, "%-26s %9s %16.2f %17.2f %10.4f%n", "retrained (exact)", "",
                r.canaryExposureRetrained(), r.controlExposureRetrained(), r.testLossRetrained());
        for (CanaryCurvatureEdit.Row row : r.rows()) {
            out.printf(Locale.ROOT, "%-26s %9d %16.2f %17.2f %10.4f%n", row.method() + " " + row.setting(),
                    row.droppedPairs(), row.canaryExposure(), row.controlExposure(), row.testLoss());
        }
        out.flush();
        CanaryResult result = new CanaryResult(seed, r);
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
