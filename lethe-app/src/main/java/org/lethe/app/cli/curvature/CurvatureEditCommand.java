package org.lethe.app.cli.curvature;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.curvature.CurvatureEditRecord;
import org.lethe.curvature.LayerEdit;
import org.lethe.curvature.StoredCurvature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe curvature edit}: a new model version with low-curvature directions of some layers removed. */
@Command(name = "edit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Edit layers in their K-FAC eigenbasis: keep the eigen-pairs of largest curvature until "
                + "their mass reaches the keep-mass, zero the rest, and write the result as a new model version "
                + "(other layers bit-identical) with a curvature-edit.json record.",
                "A convolution's kernel is edited as its [out, in * kh * kw] matrix with the bias as the last column."})
public final class CurvatureEditCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption model;

    @Option(names = "--factors", required = true, paramLabel = "F", description = "A factor file from 'lethe curvature collect'.")
    private Path factors;

    @Option(names = "--layers", required = true, split = ",", paramLabel = "L,...", description = "The layers to edit.")
    private List<String> layers = new ArrayList<>();

    @Option(names = "--keep-mass", required = true, paramLabel = "RHO",
            description = "Share of the curvature mass to keep, in (0, 1]; 1 or more keeps everything.")
    private double keepMass;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The new model version (must not exist).")
    private Path out;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (!(keepMass > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--keep-mass must be positive, got " + keepMass);
        }
        if (java.nio.file.Files.exists(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " already exists");
        }
        Path runDir = model.resolve().requireRun().root();
        CurvatureEditRecord record = StoredCurvature.edit(runDir, factors, layers, keepMass, out);
        PrintWriter pw = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(pw, org.lethe.io.JsonFiles.toMap(record));
        } else {
            for (LayerEdit e : record.layers()) {
                pw.printf("%s: kept %d of %d pairs (%.2f%%), %.2f%% of the curvature mass%n", e.layer(), e.keptPairs(),
                        e.totalPairs(), 100 * e.keptFraction(), 100 * e.keptMassShare());
            }
            pw.printf("edited model written to %s%n", out);
            pw.flush();
        }
        return 0;
    }
}
