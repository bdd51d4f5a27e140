package org.lethe.app.cli.audit;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lethe.app.cli.ForgetTarget;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.LoadedModel;
import org.lethe.app.cli.VersionInfo;
import org.lethe.audit.ErasureTestData;
import org.lethe.audit.FeatureExtractor;
import org.lethe.audit.LinearProbe;
import org.lethe.audit.ProbeAudit;
import org.lethe.audit.ProbeAuditResult;
import org.lethe.audit.ProbeReadout;
import org.lethe.nn.Layer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe audit probe}: can the forgotten examples still be read out of the model's penultimate features?
 * Fits a linear probe on retained examples' features and measures it on the forgotten ones (see {@link ProbeAudit}).
 */
@Command(name = "probe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        header = "Linear-probe test: can forgotten examples still be read out of the features?",
        description = "Fits a logistic-regression probe on the model's penultimate-layer features of retained "
                + "examples (plus held-out examples of classes only the forget set has) and reports its accuracy on "
                + "the forgotten examples, on held-out retained examples and on the test split. A model that only "
                + "suppressed its outputs still lets the probe read the forgotten examples better than a reference "
                + "retrained without them: --reference, or by default one the newest audit of the model retrained; the "
                + "result is added to that audit's report.")
public final class AuditProbeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ErasureTestOptions target;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Forgotten examples (one of):%n")
    private ForgetTarget.WithClass forget;

    @Option(names = "--iterations", defaultValue = "300", paramLabel = "N",
            description = "Full-batch optimiser steps of the probe (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--max-examples", defaultValue = "2000", paramLabel = "N",
            description = "Fit on at most N retained examples, and measure retain accuracy on at most N (default: " +
                    "${DEFAULT-VALUE}).")
    private int maxExamples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the example draw (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || maxExamples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iterations and --max-examples must be at least 1");
        }
        LoadedModel model = target.loadModel();
        ErasureTestData data = target.data(model, forget);
        ErasureTestOptions.Comparison comparison = target.comparison(data, "probe", forget.asOptions());
        LoadedModel reference = comparison.reference();
        LinearProbe.Options options = new LinearProbe.Options();
        options.iterations = iterations;
        options.maxExamples = maxExamples;
        options.seed = seed;
        ProbeAuditResult result = ProbeAudit.run((Layer) model.model, reference == null ? null : (Layer) reference.model,
                data, options);

        AuditProbeResult doc = AuditProbeResult.of(comparison.header(forget.describe(), data.forget.size()),
                new FeatureExtractor((Layer) model.model).width(), result.toSection(),
                verdict(result, data.forget.size()), comparison.addToReport("linear_probe", result.toSection()));
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, doc);
        } else {
            print(out, result, doc);
        }
        return 0;
    }

    private static void print(PrintWriter out, ProbeAuditResult r, AuditProbeResult doc) {
        out.printf("linear probe on penultimate features (width %s); forget: %s, %s examples%n", doc.featureWidth(),
                doc.header().forget(), Formats.count(doc.header().forgetExamples()));
        if (!r.forgottenClasses.isEmpty()) {
            out.printf("classes %s occur only in the forget set: the probe learns them from test examples%n",
                    r.forgottenClasses);
        }
        out.printf("%-10s %9s %9s %9s %9s%n", "", "forget", "retain", "test", "fit");
        row(out, "model", r.model);
        if (r.reference != null) {
            row(out, "reference", r.reference);
        }
        ErasureTestOptions.printOutcome(out, doc.verdict(), doc.report());
    }

    private static void row(PrintWriter out, String name, ProbeReadout p) {
        out.printf("%-10s %9s %9s %9s %9s%n", name, pct(p.forgetAccuracy), pct(p.retainAccuracy), pct(p.testAccuracy),
                pct(p.fitAccuracy));
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "-" : Formats.percent(x);
    }

    /**
     * One sentence. The gap counts when it exceeds two standard errors of a difference of two accuracies on
     * {@code n} examples (at most {@code 2 * sqrt(2 * 0.25 / n)}).
     */
    static String verdict(ProbeAuditResult r, int n) {
        if (r.reference == null) {
            return String.format(java.util.Locale.ROOT, "The probe reads %s of the forgotten examples correctly; give"
                    + " --reference to compare with a model retrained without them.", Formats.percent(r.model.forgetAccuracy));
        }
        double gap = r.forgetGap();
        double margin = 2 * Math.sqrt(0.5 / n);
        if (gap > margin) {
            return String.format(java.util.Locale.ROOT, "The probe reads the forgotten examples %.1f points better from"
                    + " the model than from the reference: its features still hold them (suppressed, not erased).", 100 * gap);
        }
        return String.format(java.util.Locale.ROOT, "The probe reads the forgotten examples no better from the model"
                + " than from the reference (difference %+.1f points, noise level %.1f): no trace in the features.",
                100 * gap, 100 * margin);
    }
}
