package org.lethe.app.cli.curvature;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.curvature.SpectrumPlots;
import org.lethe.curvature.BandDiagnostic;
import org.lethe.curvature.LayerSpectrum;
import org.lethe.curvature.StoredCurvature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe curvature spectrum}: PNG plots of the factors' spectra and the band diagnostic, per layer. */
@Command(name = "spectrum",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Plot, for every layer of a factor file: the eigenvalue spectra of A and G; the share of "
                + "eigen-pairs kept against the keep-mass; and the band diagnostic: the mean share of the squared "
                + "norm of memorised and of clean inputs in bands of A's eigenvectors (top 10%, 10-25%, 25-50%, "
                + "bottom 50% by eigenvalue)."})
public final class CurvatureSpectrumCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--factors", required = true, paramLabel = "F", description = "A factor file from 'lethe curvature collect'.")
    private Path factors;

    @Option(names = "--memorised", required = true, paramLabel = "IDS.txt",
            description = "Ids of the training examples taken as memorised (for example the noisy-label ones), one a line.")
    private Path memorised;

    @Option(names = "--clean-examples", defaultValue = "1000", paramLabel = "N",
            description = "Clean examples compared: a seeded sample of the other training examples (default: ${DEFAULT-VALUE}).")
    private int cleanExamples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the clean sample (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the PNG files (created).")
    private Path out;

    @Mixin
    private JsonOption json;

    /** One layer's band shares in the JSON report. */
    record LayerBands(String layer, List<String> bands, double[] memorised, double[] clean) {
    }

    /** The JSON report. */
    record SpectrumResult(List<String> files, List<LayerBands> layers) {
    }

    @Override
    public Integer call() throws Exception {
        if (cleanExamples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--clean-examples must be at least 1");
        }
        List<String> ids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(memorised, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    ids.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--memorised: cannot read " + memorised);
        }
        if (!Files.isRegularFile(factors)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--factors: no file " + factors);
        }
        Path runDir = model.resolve().requireRun().root();
        List<LayerSpectrum> layers = StoredCurvature.spectrum(runDir, factors, ids, cleanExamples, seed);
        List<Path> files = SpectrumPlots.write(layers, out);
        PrintWriter pw = spec.commandLine().getOut();
        if (json.enabled()) {
            List<LayerBands> rows = new ArrayList<>();
            for (LayerSpectrum l : layers) {
                rows.add(new LayerBands(l.layer(), BandDiagnostic.BANDS, l.bands().memorised(), l.bands().clean()));
            }
            JsonOutput.print(pw, new SpectrumResult(files.stream().map(Path::toString).toList(), rows));
        } else {
            List<String> b = BandDiagnostic.BANDS;
            pw.printf("%-16s %-10s %9s %9s %9s %11s%n", "layer", "inputs", b.get(0), b.get(1), b.get(2), b.get(3));
            for (LayerSpectrum l : layers) {
                band(pw, l.layer(), "memorised", l.bands().memorised());
                band(pw, "", "clean", l.bands().clean());
            }
            pw.printf("%d plots written to %s%n", files.size(), out);
            pw.flush();
        }
        return 0;
    }

    private static void band(PrintWriter pw, String layer, String group, double[] shares) {
        pw.printf(Locale.ROOT, "%-16s %-10s %9.4f %9.4f %9.4f %11.4f%n", layer, group, shares[0], shares[1], shares[2],
                shares[3]);
    }
}
