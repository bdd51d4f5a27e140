package org.lethe.app.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.ForgetTarget;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.Progress;
import org.lethe.app.cli.VersionInfo;
import org.lethe.app.report.AuditReport;
import org.lethe.audit.json.EvidenceSection;
import org.lethe.audit.AuditResult;
import org.lethe.audit.AuditRunner;
import org.lethe.audit.ForgetSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code lethe audit}: audits a model (does it still remember a forget set?) when given {@code --model}, writing
 * {@code audit.json} and an HTML report; and the group of audit commands ({@code lethe audit score}). Each further
 * measure is its own {@code @Command} class listed in {@code subcommands} here.
 */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        header = "Audit a model: does it still remember the data it should have forgotten?",
        description = {"Compares the model with models retrained without the forget set (trained here, in " +
                "parallel, and cached; or given with --reference) and, for the forget-quality score, with " +
                "models unlearned the same way: originals for a model that was not unlearned, a second set " +
                "of retrained models for retrain and replay, SISA ensembles with the deletion applied for " +
                "sisa, amnesiac deletions for amnesiac. Measures utility, a loss-threshold membership " +
                "attack, U-LiRA and the NeurIPS 2023 forget quality; writes audit.json and index.html (PNG " +
                "plots beside it, opens offline) to the report directory. The forget set defaults to the " +
                "model's deletion record (deletion.json)."},
        subcommands = {AuditScoreCommand.class, AuditProbeCommand.class, AuditRelearnCommand.class, AuditCanaryCommand.class})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "The model to audit: a run directory or a SISA model directory.")
    private Path model;

    @Option(names = "--forget", description = "Optional, for readability: the forget set follows (--subject, --ids or --class).")
    private boolean forgetMarker;

    @ArgGroup(exclusive = true)
    private ForgetTarget.WithClass target;

    @Option(names = "--reference", paramLabel = "R", description = "A reference model trained without the forget set "
            + "(repeatable); instead of --retrain.")
    private List<Path> references = new ArrayList<>();

    @Option(names = "--retrain", paramLabel = "N", description = "Retrain N reference models without the forget set "
            + "(default: 8).")
    private Integer retrain;

    @Option(names = "--unlearn-runs", paramLabel = "N", description = "Unlearned comparison models for the forget-quality "
            + "score (default: as many as references; 0 skips it).")
    private Integer unlearnRuns;

    @Option(names = "--report", paramLabel = "DIR", description = "Where to write audit.json and the report "
            + "(default: <model>-audit next to the model).")
    private Path report;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache of trained comparison models (default: "
            + AuditRunner.DEFAULT_CACHE_NAME + " next to the model).")
    private Path cache;

    @Option(names = "--max-scored", paramLabel = "N", defaultValue = "500", description = "Score at most N forget "
            + "examples per example-level measure, a seeded sample beyond (default: ${DEFAULT-VALUE}).")
    private int maxScored;

    @Option(names = "--skip", split = ",", paramLabel = "TEST", description = "Further tests not to run: probe, "
            + "relearn (by default both run on a single model, with the settings of 'lethe audit probe' and 'lethe "
            + "audit relearn' at their defaults, against the first reference, and go into the report).")
    private List<String> skip = new ArrayList<>();

    /** The further tests the audit runs itself unless skipped, by their names for {@code --skip}. */
    static final String PROBE = "probe";
    static final String RELEARN = "relearn";

    @Mixin
    private JsonOption json;

    @Mixin
    private org.lethe.app.cli.RunnerOption runner;

    @Override
    public Integer call() throws Exception {
        if (model == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --model DIR to audit a model, or choose the subcommand score");
        }
        if (!Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model: no such model directory: " + model);
        }
        if (!references.isEmpty() && retrain != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --reference or --retrain, not both");
        }
        if (forgetMarker && target == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--forget needs --subject, --ids or --class");
        }
        requireAtLeast("--retrain", retrain, 1);
        requireAtLeast("--unlearn-runs", unlearnRuns, 0);
        requireAtLeast("--max-scored", maxScored, 1);
        for (String test : skip) {
            if (!test.equals(PROBE) && !test.equals(RELEARN)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--skip takes " + PROBE + " and " + RELEARN
                        + ", got '" + test + "'");
            }
        }
        AuditRunner.Settings s = new AuditRunner.Settings();
        s.model = model;
        s.forget = forgetSpec();
        s.references = references;
        s.retrain = retrain != null ? retrain : 8;
        s.unlearnRuns = unlearnRuns != null ? unlearnRuns : -1;
        s.cache = cache;
        s.maxScoredExamples = maxScored;
        s.extensions = furtherTests(skip);
        boolean terminal = Progress.stdoutIsTerminal();
        s.log = line -> {
            if (terminal) {
                System.err.println("  " + line);
            }
        };
        AuditResult result;
        try (org.lethe.exec.ClosableJobRunner jobs = runner.open(spec, s.threads)) {
            s.runner = jobs;
            result = AuditRunner.run(s);
        }
        Path asked = report != null ? report : defaultReport(model);
        Path dir = freshReport(asked);
        if (!dir.equals(asked)) {
            System.err.println("lethe: " + asked + " holds an earlier audit, which is kept; this audit is written to "
                    + dir);
        }
        Path page = AuditReport.write(result, dir);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, result.document());
        } else {
            printEvidence(out, result);
            printSummary(out, result, page, "");
        }
        out.flush();
        return 0;
    }

    /**
     * The further tests to run, at the defaults of their own commands: the probe and the relearning test. Canary
     * exposure is not among them: it is an experiment on a character model with planted secrets, and no classifier
     * run records a canary set to measure.
     */
    static List<org.lethe.audit.AuditExtension> furtherTests(List<String> skipped) {
        List<org.lethe.audit.AuditExtension> out = new ArrayList<>();
        if (!skipped.contains(PROBE)) {
            out.add(new org.lethe.audit.ProbeExtension(new org.lethe.audit.LinearProbe.Options()));
        }
        if (!skipped.contains(RELEARN)) {
            org.lethe.audit.RelearnTest.Options relearn = new org.lethe.audit.RelearnTest.Options();
            relearn.retainExamples = relearn.forgetExamples;
            out.add(new org.lethe.audit.RelearnExtension(relearn, null));
        }
        return out;
    }

    private ForgetSet.Spec forgetSpec() throws java.io.IOException {
        if (target == null) {
            return ForgetSet.Spec.fromDeletionRecord();
        }
        if (target.subjects() != null) {
            return ForgetSet.Spec.subjects(target.subjects());
        }
        if (target.classes() != null) {
            return ForgetSet.Spec.classes(target.classes());
        }
        return ForgetSet.Spec.ids(target.ids());
    }

    /** The report directory used when none is given: {@code <model>-audit} beside the model. */
    /** {@code dir}, or when it already holds an audit, the first free {@code dir-N} (N from 2): never overwritten. */
    static Path freshReport(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs.resolve(AuditReport.JSON))) {
            return dir;
        }
        for (int n = 2; ; n++) {
            Path next = abs.resolveSibling(abs.getFileName() + "-" + n);
            if (!Files.exists(next.resolve(AuditReport.JSON))) {
                return next;
            }
        }
    }

    static Path defaultReport(Path model) {
        Path abs = model.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + "-audit");
    }

    /** What the audit concerns (model, hash, date, version, deletion), for the audit command's own output. */
    static void printEvidence(PrintWriter out, AuditResult r) {
        EvidenceSection e = r.document().evidence();
        if (e != null) {
            line(out, "", "audited", e.modelPath() + ", sha256 " + e.parametersSha256().substring(0, 16) + "..., "
                    + e.auditedAt() + ", Lethe " + e.letheVersion());
            if (e.deletionRecord() != null) {
                line(out, "", "deletion", e.deletionMethod() + ", " + e.removedCount() + " example(s), "
                        + e.deletionTime() + ", requested by " + (e.requester().isEmpty() ? "(not recorded)"
                        : e.requester()) + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")"));
            }
        }
    }

    /** The plain-text summary of an audit, each line prefixed by {@code indent}; labels take 13 columns. */
    public static void printSummary(PrintWriter out, AuditResult r, Path page, String indent) {
        line(out, indent, "conclusion", r.conclusion().words());
        line(out, indent, "forget set", String.valueOf(r.document().forget().description()));
        List<String> verdict = wrap(r.verdict(), 90);
        for (int i = 0; i < verdict.size(); i++) {
            line(out, indent, i == 0 ? "verdict" : "", verdict.get(i));
        }
        if (Double.isFinite(r.forgetQuality())) {
            line(out, indent, "F", String.format(java.util.Locale.ROOT, "%.3f (indistinguishable models: %.3f); "
                    + "final score %.3f", r.forgetQuality(), r.expectedForgetQuality(), r.finalScore()));
        }
        if (Double.isFinite(r.originalForgetQuality())) {
            line(out, indent, "power", String.format(java.util.Locale.ROOT, "F = %.3f for models trained with the "
                    + "forget set, against the same references", r.originalForgetQuality()));
        }
        if (r.modelLossAttack() != null) {
            double refAuc = 0;
            for (org.lethe.audit.RocCurve c : r.retrainedLossAttacks()) {
                refAuc += c.auc() / r.retrainedLossAttacks().size();
            }
            line(out, indent, "attacks", String.format(java.util.Locale.ROOT, "loss threshold AUC %.3f (retrained "
                    + "models: %.3f)%s", r.modelLossAttack().auc(), refAuc, r.unlearningLira() == null ? ""
                    : String.format(java.util.Locale.ROOT, "; U-LiRA AUC %.3f", r.unlearningLira().auc())));
        }
        if (r.section(org.lethe.audit.AuditExtension.LINEAR_PROBE) instanceof org.lethe.audit.json.ProbeSection p) {
            line(out, indent, "probe", String.format(java.util.Locale.ROOT, "forget accuracy %.3f%s", p.model()
                    .forgetAccuracy(), p.reference() == null ? "" : String.format(java.util.Locale.ROOT,
                    " (reference %.3f)", p.reference().forgetAccuracy())));
        }
        if (r.section(org.lethe.audit.AuditExtension.RELEARN) instanceof org.lethe.audit.json.RelearnSection rl) {
            line(out, indent, "relearn", String.format(java.util.Locale.ROOT, "%s steps to forget accuracy %.3f%s",
                    steps(rl.model()), rl.model().target(), rl.reference() == null ? ""
                    : " (reference " + steps(rl.reference()) + ")"));
        }
        line(out, indent, "models", String.format(java.util.Locale.ROOT, "%d built, %d from the cache; audit in %.1f s",
                r.modelsBuilt(), r.modelsReused(), r.wallSeconds()));
        line(out, indent, "report", page.toString());
    }

    private static String steps(org.lethe.audit.json.RelearnSection.Run run) {
        return (run.reached() ? "" : ">") + run.steps();
    }

    public static void line(PrintWriter out, String indent, String label, String text) {
        out.printf("%s%-13s%s%n", indent, label, text);
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private void requireAtLeast(String option, Integer value, int min) {
        if (value != null && value < min) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + value);
        }
    }
}
