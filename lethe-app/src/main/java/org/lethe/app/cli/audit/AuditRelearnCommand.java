package org.lethe.app.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lethe.app.cli.ForgetTarget;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.LoadedModel;
import org.lethe.app.cli.VersionInfo;
import org.lethe.audit.ErasureTestData;
import org.lethe.audit.RelearnComparison;
import org.lethe.audit.RelearnResult;
import org.lethe.audit.RelearnTest;
import org.lethe.nn.Layer;
import org.lethe.store.StoredModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe audit relearn}: how many optimiser steps on a few forgotten examples bring the model's forget
 * accuracy back, against a reference retrained without them (see {@link RelearnTest}).
 */
@Command(name = "relearn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        header = "Relearning test: how fast does the model regain what it forgot?",
        description = "Fine-tunes a copy of the model on a few forgotten examples (mixed with as many retained "
                + "ones) and counts optimiser steps until its accuracy on the forget set reaches the target. A model "
                + "that only suppressed the data relearns it much faster than a reference retrained without it "
                + "(--reference, or by default one the newest audit of the model retrained; the result is added to "
                + "that audit's report). The target defaults to 90%% of the original model's forget accuracy; the original "
                + "is --original, else the model's parent recorded in its card (for a version made by lethe forget), "
                + "else the model itself. Relearning uses plain SGD at a small rate by default: with momentum or "
                + "large rates any model relearns in a handful of steps, which leaves nothing to compare.")
public final class AuditRelearnCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ErasureTestOptions target;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Forgotten examples (one of):%n")
    private ForgetTarget.WithClass forget;

    @Option(names = "--original", paramLabel = "RUN|FILE", description = "The model before deletion (sets the default target).")
    private Path original;

    @Option(names = "--target", paramLabel = "ACC", description = "Forget accuracy to reach, in [0, 1].")
    private Double targetAccuracy;

    @Option(names = "--examples", defaultValue = "32", paramLabel = "K",
            description = "Forgotten examples to relearn from (default: ${DEFAULT-VALUE}).")
    private int examples;

    @Option(names = "--retain-examples", paramLabel = "M",
            description = "Retained examples mixed in (default: as many as --examples).")
    private Integer retainExamples;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "LR",
            description = "Relearn with plain SGD at this rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--run-optimizer",
            description = "Relearn with the run's optimiser at its base rate instead of plain SGD.")
    private boolean runOptimizer;

    @Option(names = "--max-steps", defaultValue = "500", paramLabel = "N", description = "Step cap (default: ${DEFAULT-VALUE}).")
    private int maxSteps;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the example draws (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        LoadedModel model = target.loadModel();
        ErasureTestData data = target.data(model, forget);
        RelearnTest.Options options = new RelearnTest.Options();
        options.forgetExamples = examples;
        options.retainExamples = retainExamples == null ? examples : retainExamples;
        options.batchSize = batch;
        options.maxSteps = maxSteps;
        options.seed = seed;
        String optimiser;
        if (runOptimizer && spec.commandLine().getParseResult().hasMatchedOption("--lr")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lr sets plain SGD; it cannot go with --run-optimizer");
        }
        if (!runOptimizer) {
            if (!(learningRate > 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--lr must be positive, got " + learningRate);
            }
            options.sgd(learningRate);
            optimiser = "sgd lr " + learningRate;
        } else {
            options.optimizerOf(model.run.config);
            optimiser = model.run.config.optimizer + " lr " + model.run.config.learningRate + " (the run's optimiser)";
        }
        String targetSource;
        String originalWeights = null;
        Double originalAccuracy = null;
        if (targetAccuracy != null) {
            options.target = targetAccuracy;
            targetSource = "given";
        } else {
            LoadedModel orig = originalOf(model);
            double acc = RelearnTest.forgetAccuracy((Layer) orig.model, target.data(orig, forget), options);
            options.target = RelearnTest.DEFAULT_TARGET_FRACTION * acc;
            targetSource = RelearnTest.DEFAULT_TARGET_FRACTION + " x forget accuracy of the original";
            originalWeights = orig.ref.weights().toString();
            originalAccuracy = acc;
        }
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        AuditRelearnResult.Target targetInfo = new AuditRelearnResult.Target(targetSource, originalWeights,
                originalAccuracy, options.target);
        ErasureTestOptions.Comparison comparison = target.comparison(data, "relearn", forget.asOptions());
        LoadedModel reference = comparison.reference();
        RelearnComparison c = RelearnComparison.run((Layer) model.model,
                reference == null ? null : (Layer) reference.model, data, options);

        AuditRelearnResult.Settings settings = new AuditRelearnResult.Settings(
                Math.min(options.forgetExamples, data.forget.size()), Math.min(options.retainExamples, data.retain.size()),
                options.batchSize, optimiser, options.maxSteps);
        AuditRelearnResult doc = AuditRelearnResult.of(comparison.header(forget.describe(), data.forget.size()),
                settings, targetInfo, c.toSection(), verdict(c), comparison.addToReport("relearn", c.toSection()));
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, doc);
        } else {
            print(out, c, doc);
        }
        return 0;
    }

    /** The original model: --original, else the parent in the model's card (if it still exists), else the model. */
    private LoadedModel originalOf(LoadedModel model) throws java.io.IOException {
        if (original != null) {
            return LoadedModel.load(StoredModel.openSingle(original));
        }
        String parent = model.card.parentModel();
        if (parent != null && Files.exists(Path.of(parent))) {
            return LoadedModel.load(StoredModel.openSingle(Path.of(parent)));
        }
        return model;
    }

    private static void print(PrintWriter out, RelearnComparison c, AuditRelearnResult doc) {
        AuditRelearnResult.Target t = doc.target();
        out.printf("relearning from %s forgotten + %s retained examples (forget: %s), batches of %s, %s%n",
                doc.relearnForgetExamples(), doc.relearnRetainExamples(), doc.header().forget(), doc.batchSize(),
                doc.optimizer());
        out.printf("target: forget accuracy %s%s, at most %s steps%n", Formats.percent(t.accuracy()),
                t.originalForgetAccuracy() != null ? String.format(Locale.ROOT, " (%.0f%% of the original's %s)",
                        100 * RelearnTest.DEFAULT_TARGET_FRACTION, Formats.percent(t.originalForgetAccuracy())) : "",
                doc.maxSteps());
        out.printf("%-10s %9s %7s %9s%n", "", "start", "steps", "end");
        row(out, "model", c.model);
        if (c.reference != null) {
            row(out, "reference", c.reference);
        }
        ErasureTestOptions.printOutcome(out, doc.verdict(), doc.report());
    }

    private static void row(PrintWriter out, String name, RelearnResult r) {
        out.printf("%-10s %9s %7s %9s%n", name, Formats.percent(r.startAccuracy()),
                (r.reached ? "" : ">") + r.steps, Formats.percent(r.endAccuracy()));
    }

    /** One sentence comparing the step counts. */
    static String verdict(RelearnComparison c) {
        if (c.reference == null) {
            return c.model.reached
                    ? String.format(Locale.ROOT, "The model reaches the target after %d steps; give --reference to"
                    + " compare with a model retrained without the data.", c.model.steps)
                    : "The model does not reach the target within the cap.";
        }
        if (c.model.steps == 0 && c.reference.steps == 0) {
            return "Both models already reach the target: this forget set is predicted well without having been"
                    + " trained on, so relearning time says nothing here (try a class deletion or a higher --target).";
        }
        if (c.model.steps == 0) {
            return String.format(Locale.ROOT, "The model already reaches the target before relearning (the reference"
                    + " needs %s%d steps): it still predicts the forgotten data.", c.reference.reached ? "" : "more than ",
                    c.reference.steps);
        }
        double ratio = c.stepRatio();
        if (ratio <= 0.5) {
            return String.format(Locale.ROOT, "The model relearns the forgotten data in %d steps against the"
                    + " reference's %s%d: it was suppressed, not erased.", c.model.steps, c.reference.reached ? "" : "more than ",
                    c.reference.steps);
        }
        return String.format(Locale.ROOT, "The model relearns no faster than the reference (%d against %s%d steps):"
                + " no sign of suppressed knowledge.", c.model.steps, c.reference.reached ? "" : "more than ", c.reference.steps);
    }
}
