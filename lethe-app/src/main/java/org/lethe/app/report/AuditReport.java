package org.lethe.app.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.audit.AuditExtension;
import org.lethe.audit.AuditResult;
import org.lethe.audit.json.AuditDocument;
import org.lethe.audit.json.AuditJson;
import org.lethe.audit.json.EvidenceSection;
import org.lethe.audit.json.ForgetQualitySection;
import org.lethe.audit.json.MembershipSection;
import org.lethe.audit.json.ModelsSection;
import org.lethe.audit.json.PowerSection;
import org.lethe.audit.json.TimingSection;
import org.lethe.audit.json.UtilitySection;
import org.lethe.io.AtomicFiles;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;

/**
 * Writes an audit's report into a directory: {@code audit.json} (the full result), {@code index.html} (a
 * self-contained page: inline style, no script, no font or file from the network) and the PNG plots it shows,
 * side by side so the directory can be opened, copied or mailed as it is.
 */
public final class AuditReport {
    /** The page's file name. */
    public static final String PAGE = "index.html";
    /** The result's file name. */
    public static final String JSON = "audit.json";
    /** Confidences of the scored forget examples under the unlearned models, as {@code lethe audit score} reads them. */
    public static final String UNLEARNED_CSV = "confidence-unlearned.csv";
    /** The same under the retrained references. */
    public static final String RETRAINED_CSV = "confidence-retrained.csv";

    private static final Map<String, String> SECTION_TITLES = Map.of(
            AuditExtension.LINEAR_PROBE, "Suppression or erasure: linear probe on penultimate features",
            AuditExtension.RELEARN, "Relearning time",
            AuditExtension.CANARY_EXPOSURE, "Canary exposure");

    private AuditReport() {
    }

    /** A chart drawer. */
    @FunctionalInterface
    private interface Chart {
        byte[] draw() throws IOException;
    }

    /** Writes the report; returns the page. */
    public static Path write(AuditResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        AuditJson.write(dir.resolve(JSON), r.document());
        AtomicFiles.write(dir.resolve(RETRAINED_CSV), csv(r.retrainedConfidence()));
        if (r.unlearnedConfidence().length > 0) {
            AtomicFiles.write(dir.resolve(UNLEARNED_CSV), csv(r.unlearnedConfidence()));
        }
        List<String> missing = new ArrayList<>();
        plot(dir, "confidence.png", () -> AuditCharts.confidences(r), missing);
        plot(dir, "roc.png", () -> AuditCharts.roc(r), missing);
        plot(dir, "accuracy.png", () -> AuditCharts.accuracyPerClass(r), missing);
        ForgetQualitySection fq = r.document().forgetQuality();
        if (fq != null) {
            plot(dir, "epsilons.png", () -> AuditCharts.epsilonBuckets(bucketLabels(fq), bucketCounts(fq)), missing);
        }
        Path page = dir.resolve(PAGE);
        AtomicFiles.write(page, html(r.document(), missing).getBytes(StandardCharsets.UTF_8));
        return page;
    }

    /**
     * Replaces the document of the report in {@code dir} (after a further test added its section) and redraws the
     * page around the plots already there; returns the page.
     */
    public static Path rewrite(AuditDocument doc, Path dir) throws IOException {
        AuditJson.write(dir.resolve(JSON), doc);
        List<String> missing = new ArrayList<>();
        for (String png : List.of("confidence.png", "roc.png", "accuracy.png", "epsilons.png")) {
            if (!Files.exists(dir.resolve(png)) && (doc.forgetQuality() != null || !png.equals("epsilons.png"))) {
                missing.add(png);
            }
        }
        Path page = dir.resolve(PAGE);
        AtomicFiles.write(page, html(doc, missing).getBytes(StandardCharsets.UTF_8));
        return page;
    }

    /** One row per model, one column per example; Java's shortest round-trip decimals, so nothing is lost. */
    private static byte[] csv(double[][] m) {
        StringBuilder sb = new StringBuilder();
        for (double[] row : m) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(row[i]);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // Drawing text needs a font; on a machine without any (a bare container) the JDK fails inside AWT. The report
    // is still worth having without its pictures, so a failed plot becomes a note on the page.
    private static void plot(Path dir, String file, Chart chart, List<String> missing) throws IOException {
        byte[] png;
        try {
            png = chart.draw();
        } catch (RuntimeException | InternalError | LinkageError e) {
            missing.add(file + ": " + e);
            return;
        }
        AtomicFiles.write(dir.resolve(file), png);
    }

    static String html(AuditDocument doc, List<String> missingPlots) {
        ModelsSection models = doc.models();
        UtilitySection utility = doc.utility();
        MembershipSection mia = doc.membershipInference();
        ForgetQualitySection fq = doc.forgetQuality();
        TimingSection timing = doc.timing();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Lethe audit: ").append(esc(doc.model())).append("</title>\n<style>\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>Audit: does the model still remember?</h1>\n");
        h.append("<p class=\"sub\"><code>").append(esc(doc.model())).append("</code> &middot; ")
                .append(esc(doc.modelKind().equals("sisa") ? "SISA ensemble" : "single model")).append(" &middot; ")
                .append(esc(methodText(String.valueOf(doc.method())))).append("</p>\n");
        h.append("<div class=\"verdict\"><h2>Verdict").append(doc.conclusion() == null ? "" : ": "
                + esc(doc.conclusion())).append("</h2><p>").append(esc(doc.verdict())).append("</p></div>\n");
        evidence(h, doc.evidence());

        if (!missingPlots.isEmpty()) {
            h.append("<p class=\"muted\">Some plots could not be drawn (the JDK found no font; installing one, such "
                    + "as Debian's fonts-dejavu-core, fixes it): ").append(esc(String.join("; ", missingPlots)))
                    .append("</p>\n");
        }
        h.append("<h2>Key numbers</h2>\n<table class=\"kv\">\n");
        row(h, "Forget set", doc.forget().description() + " (from " + doc.forget().source() + ")");
        if (fq != null) {
            row(h, "Forget quality F", String.format(Locale.ROOT, "%.3f &nbsp;<span class=\"muted\">models "
                    + "indistinguishable from retraining score %.3f &plusmn; %.3f with these numbers of models</span>",
                    fq.forgetQuality(), fq.expectedIfIndistinguishable(), fq.expectedStd()), true);
            row(h, "Final score", String.format(Locale.ROOT, "%.3f &nbsp;<span class=\"muted\">= F &times; retain "
                    + "accuracy ratio %.3f &times; held-out accuracy ratio %.3f</span>", fq.finalScore(),
                    fq.retainAccuracyRatio(), fq.testAccuracyRatio()), true);
        } else {
            row(h, "Forget quality F", "not measured (it needs at least 2 unlearned and 2 retrained models)");
        }
        PowerSection power = doc.power();
        if (power != null && power.forgetQuality() != null) {
            row(h, "Power", String.format(Locale.ROOT, "F = %.3f for %s &nbsp;<span class=\"muted\">against the same "
                    + "references; %s</span>", power.forgetQuality(), esc(power.originals()),
                    Boolean.TRUE.equals(power.distinguishable()) ? "distinguishable, so the audit can tell"
                    : "indistinguishable, so the audit cannot tell at this size"), true);
        } else {
            row(h, "Power", "not measured (it needs at least 2 models trained with the forget set)");
        }
        MembershipSection.LossThreshold lt = mia.lossThreshold();
        if (lt != null) {
            row(h, "Loss-threshold attack", String.format(Locale.ROOT, "AUC %.3f, TPR %.3f at 1%% FPR, %.3f at 0.1%% "
                    + "FPR &nbsp;<span class=\"muted\">retrained models: AUC %s%s</span>", lt.auc(),
                    lt.tprAtOnePercentFpr(), lt.tprAtTenthPercentFpr(), fmt(lt.retrainedMeanAuc()),
                    lt.unlearnedMeanAuc() == null ? "" : "; unlearned models: AUC " + fmt(lt.unlearnedMeanAuc())),
                    true);
        }
        MembershipSection.ULira ulira = mia.uLira();
        if (ulira != null) {
            row(h, "U-LiRA", String.format(Locale.ROOT, "AUC %.3f &nbsp;<span class=\"muted\">telling %s unlearned "
                    + "from %s retrained models by their confidences on %s forgotten examples (0.5: indistinguishable)"
                    + "</span>", ulira.auc(), ulira.unlearnedModels(), ulira.retrainedModels(),
                    ulira.examples()), true);
        }
        h.append("</table>\n");

        h.append("<h2>Utility</h2>\n<table class=\"grid\">\n<tr><th></th><th>retain</th><th>forgotten</th>"
                + "<th>held out</th></tr>\n");
        UtilitySection.ModelAccuracy own = utility.model();
        accuracyRow(h, "accuracy, audited model", own.retain().accuracy(), own.forget().accuracy(),
                own.heldOut().accuracy());
        UtilitySection.PerSet rm = utility.retrainedMeanAccuracy();
        accuracyRow(h, "accuracy, retrained (mean)", rm.retain(), rm.forget(), rm.heldOut());
        UtilitySection.PerSet um = utility.unlearnedMeanAccuracy();
        if (um != null) {
            accuracyRow(h, "accuracy, unlearned comparison (mean)", um.retain(), um.forget(), um.heldOut());
        }
        UtilitySection.PerSet ag = utility.agreementWithRetrained();
        accuracyRow(h, "same prediction as retrained (mean)", ag.retain(), ag.forget(), ag.heldOut());
        UtilitySection.PerSet kl = utility.klRetrainedToModel();
        h.append("<tr><td>KL(retrained &#8214; audited), nats (mean)</td>");
        for (Double v : new Double[] {kl.retain(), kl.forget(), kl.heldOut()}) {
            h.append("<td>").append(fmt(v, "%.4f")).append("</td>");
        }
        h.append("</tr>\n</table>\n");
        figure(h, missingPlots, "accuracy.png", "Accuracy per class: audited model and retrained references, on held-out and on "
                + "forgotten examples (a missing bar: no forgotten example of that class).");

        h.append("<h2>Confidence on the forgotten examples</h2>\n");
        figure(h, missingPlots, "confidence.png", "The logit-scaled confidence log p(y|x) - log(1 - p(y|x)) of each forgotten "
                + "example, pooled over models. A model that has forgotten should look like the green area: models "
                + "that never saw these examples. A model that remembers sits to the right (more confident).");

        h.append("<h2>Membership inference</h2>\n");
        figure(h, missingPlots, "roc.png", "ROC curves. The loss-threshold attack guesses \"trained on it\" when an example's loss is "
                + "low, forgotten examples against held-out ones; compare the audited model's curve with a retrained "
                + "model's (forgotten examples can be easier or harder than average, so even retraining need not give "
                + "the diagonal). U-LiRA fits Gaussians to each example's confidences under unlearned and retrained "
                + "models and asks whether a left-out model is an unlearned one; the diagonal means the unlearning is "
                + "indistinguishable from retraining.");

        if (fq != null) {
            h.append("<h2>Forget quality (NeurIPS 2023 unlearning challenge)</h2>\n");
            h.append("<p>For each forgotten example, the best of many simple decision rules tries to tell the ")
                    .append(esc(fq.unlearnedModels())).append(" unlearned models from the ")
                    .append(esc(fq.retrainedModels()))
                    .append(" retrained ones by their confidence; how well it does is an epsilon (0: not at all). "
                            + "Epsilons in the first bucket earn 1 point, the next 1/2, then 1/4, ... up to ")
                    .append(esc(fmt(fq.maxEpsilon(), "%.0f")))
                    .append("; F is the mean over examples. Even identical distributions score well below 1 with "
                            + "few models, because some rule always fits the noise: read F against the score of "
                            + "indistinguishable models above.</p>\n");
            figure(h, missingPlots, "epsilons.png", "Forgotten examples per epsilon bucket, with the points the bucket earns.");
            h.append("<p class=\"muted\">The confidences scored are in <code>").append(UNLEARNED_CSV)
                    .append("</code> and <code>").append(RETRAINED_CSV).append("</code> (one row per model, one column "
                            + "per forgotten example): <code>lethe audit score --unlearned ").append(UNLEARNED_CSV)
                    .append(" --retrained ").append(RETRAINED_CSV).append("</code> recomputes F from them, and other "
                            + "implementations of the score can read them too.</p>\n");
        }

        h.append("<h2>Further tests</h2>\n");
        for (String name : AuditExtension.OPTIONAL_SECTIONS) {
            AuditSectionTable.append(h, SECTION_TITLES.getOrDefault(name, name), doc.section(name),
                    measuredBy(name, doc.model()));
        }

        h.append("<h2>How the comparison models were made</h2>\n<table class=\"kv\">\n");
        row(h, "References", String.valueOf(models.reference().description()));
        row(h, "Unlearned comparison", String.valueOf(models.unlearned().description()));
        row(h, "Cache", String.valueOf(models.cache()));
        row(h, "Cost", String.format(Locale.ROOT, "%s models built, %s taken from the cache; audit wall time %.1f s%s",
                timing.modelsBuilt(), timing.modelsFromCache(), timing.wallSeconds(),
                timing.meanDeletionSeconds() == null ? ""
                        : String.format(Locale.ROOT, "; mean deletion time of the comparison models %.2f s",
                        timing.meanDeletionSeconds())));
        h.append("</table>\n<p class=\"muted\">All numbers are in <code>audit.json</code> next to this page.</p>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void figure(StringBuilder h, List<String> missing, String file, String caption) {
        for (String m : missing) {
            if (m.startsWith(file + ":")) {
                h.append("<p class=\"muted\">(plot ").append(esc(file)).append(" not drawn) ").append(esc(caption))
                        .append("</p>\n");
                return;
            }
        }
        h.append("<figure><img src=\"").append(file).append("\" width=\"").append(AuditCharts.WIDTH)
                .append("\" alt=\"").append(esc(caption)).append("\"><figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    // The command that measures a further test this audit lacks (it adds its section to this report).
    static String measuredBy(String section, String model) {
        switch (section) {
            case "linear_probe": return "lethe audit probe --model " + model;
            case "relearn": return "lethe audit relearn --model " + model;
            case "canary_exposure": return "lethe audit canary (a planted-secret experiment on a character model)";
            default: return null;
        }
    }

    // What the audit concerns, first in the report: model, hash, deletion (who, why, when), date, Lethe's version.
    private static void evidence(StringBuilder h, EvidenceSection e) {
        if (e == null) {
            return;
        }
        h.append("<h2>What was audited</h2>\n<table class=\"kv\">\n");
        row(h, "Model", e.modelPath());
        row(h, "Parameter hash", e.parametersSha256() + " (SHA-256, checked when the model was loaded)");
        if (e.deletionRecord() == null) {
            row(h, "Deletion", "none: this model was not made by a deletion");
        } else {
            row(h, "Deletion", e.deletionMethod() + ", " + e.removedCount() + " example(s) removed, finished "
                    + e.deletionTime() + " (record " + e.deletionRecord() + ")");
            row(h, "Requested by", e.requester() == null || e.requester().isEmpty() ? "(not recorded)" : e.requester());
            row(h, "Reason", e.reason() == null || e.reason().isEmpty() ? "(not recorded)" : e.reason());
        }
        row(h, "Audited", e.auditedAt() + " with Lethe " + e.letheVersion());
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        row(h, key, esc(value), true);
    }

    private static void row(StringBuilder h, String key, String valueHtml, boolean isHtml) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static void accuracyRow(StringBuilder h, String label, Object retain, Object forget, Object heldOut) {
        h.append("<tr><td>").append(esc(label)).append("</td>");
        for (Object v : new Object[] {retain, forget, heldOut}) {
            h.append("<td>").append(v instanceof Number ? String.format(Locale.ROOT, "%.1f%%", 100 * num(v)) : "&ndash;")
                    .append("</td>");
        }
        h.append("</tr>\n");
    }

    private static String methodText(String method) {
        if (method.equals("original")) {
            return "not unlearned (the model trained on the forget set)";
        }
        return DeletionMethods.find(method).map(DeletionMethod::reportWording).orElse("made by " + method);
    }

    private static List<String> bucketLabels(ForgetQualitySection fq) {
        List<Integer> counts = fq.bucketCounts();
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < counts.size() - 1; b++) {
            labels.add(String.format(Locale.ROOT, "%s-%s: %s", trim(b * 0.5), trim((b + 1) * 0.5),
                    b == 0 ? "1" : "1/" + (1L << b)));
        }
        labels.add(String.format(Locale.ROOT, "%s+: 0", trim((counts.size() - 1) * 0.5)));
        return labels;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static List<Integer> bucketCounts(ForgetQualitySection fq) {
        return new ArrayList<>(fq.bucketCounts());
    }

    private static double num(Object o) {
        return o instanceof Number ? ((Number) o).doubleValue() : Double.NaN;
    }

    private static String fmt(Object o) {
        return fmt(o, "%.3f");
    }

    private static String fmt(Object o, String pattern) {
        return o instanceof Number ? String.format(Locale.ROOT, pattern, ((Number) o).doubleValue()) : "&ndash;";
    }

    static String esc(Object o) {
        String s = String.valueOf(o);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    private static final String STYLE = String.join("\n",
            "body { margin: 0; background: #f6f6f3; color: #222; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI',"
                    + " 'DejaVu Sans', sans-serif; }",
            "main { max-width: 820px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }",
            "h1 { font-size: 26px; margin: 8px 0 4px; }",
            "h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid #e4e4e0; padding-bottom: 4px; }",
            "h3 { font-size: 16px; margin: 20px 0 6px; }",
            ".sub { color: #555; margin-top: 0; }",
            ".verdict { background: #fdf6e3; border-left: 5px solid #d95f02; padding: 4px 18px 8px; margin: 18px 0; }",
            ".verdict h2 { border: none; margin: 10px 0 4px; font-size: 17px; }",
            ".verdict p { font-size: 16px; margin: 4px 0; }",
            "table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }",
            "th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #eee; }",
            "table.kv th { width: 190px; color: #444; font-weight: 600; }",
            "table.grid td, table.grid th { text-align: right; }",
            "table.grid td:first-child { text-align: left; }",
            ".muted { color: #777; }",
            "code { font: 13px 'DejaVu Sans Mono', monospace; background: #f2f2ee; padding: 1px 4px; }",
            "figure { margin: 14px 0 22px; }",
            "figure img { max-width: 100%; height: auto; border: 1px solid #eee; }",
            "figcaption { color: #555; font-size: 13.5px; margin-top: 4px; }",
            "");
}
