package org.lethe.app.cli.audit;

import java.io.IOException;
import java.nio.file.Path;
import org.lethe.app.cli.ForgetTarget;
import org.lethe.app.cli.LoadedModel;
import org.lethe.audit.ErasureTestData;
import org.lethe.data.Dataset;
import org.lethe.data.Examples;
import org.lethe.data.Selection;
import org.lethe.nn.Layer;
import org.lethe.store.StoredModel;
import org.lethe.train.PreparedData;
import picocli.CommandLine.Option;

/**
 * What the suppression-versus-erasure commands ({@code audit probe}, {@code audit relearn}) share: the model, an
 * optional reference retrained without the forgotten examples, and how to find those examples (by subject, id file
 * or class: {@link ForgetTarget.WithClass}, which commands declare as their own argument group). The forget
 * set is chosen among every example the original model trained on (the run's data minus its held-out split), so
 * the same option names the same examples for the original model and for a version that deleted them.
 */
final class ErasureTestOptions {
    @Option(names = "--model", required = true, paramLabel = "RUN|FILE",
            description = "The model to audit: a run directory or a .safetensors file inside one.")
    Path model;

    @Option(names = "--reference", paramLabel = "RUN|FILE",
            description = "A model retrained without the forgotten examples, measured the same way for comparison "
                    + "(default: a reference retrained by the newest audit of the model on the same forget set).")
    Path reference;

    @Option(names = "--report", paramLabel = "DIR",
            description = "The audit report to take the retrained reference from and add this test to (default: the "
                    + "newest of <model>-audit, <model>-audit-2, ...).")
    Path report;

    /** The reference to compare with, and the audit report the result goes into (null when none fits). */
    record Comparison(LoadedModel reference, String source, LatestAudit audit) {
        /** Where the reference came from and the forget set, as every erasure test's output has them. */
        ErasureTestHeader header(String forget, int forgetExamples) {
            return new ErasureTestHeader(source, forget, forgetExamples);
        }

        /** Adds the result to the audit's report as section {@code name}; the page, or null without an audit. */
        String addToReport(String name, org.lethe.audit.json.AuditSection section) throws IOException {
            return audit == null ? null : audit.add(name, section).toString();
        }
    }

    /** The closing lines of an erasure test's text output: its verdict and where the result went (or null). */
    static void printOutcome(java.io.PrintWriter out, String verdict, String report) {
        out.println(verdict);
        out.println(report == null ? "(no audit of this forget set to add this test to)"
                : "added to the audit report " + report);
        out.flush();
    }

    /**
     * The retrained reference to compare with: {@code --reference}, else the newest audit's first retrained
     * reference when that audit concerns exactly these forgotten examples. Refuses when there is neither: a
     * figure with nothing retrained beside it cannot be read.
     */
    Comparison comparison(ErasureTestData data, String command, String forgetOptions) throws IOException {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < data.forget.size(); i++) {
            ids.add(data.forget.id(i));
        }
        LatestAudit audit = LatestAudit.find(model, report);
        if (audit != null && !audit.concerns(ids)) {
            if (report != null) {
                throw new IllegalArgumentException("--report: the audit in " + report + " concerns another forget set ("
                        + audit.document().forget().description() + ")");
            }
            audit = null;
        }
        if (reference != null) {
            return new Comparison(loadReference(), "given", audit);
        }
        Path retrained = audit == null ? null : audit.retrainedReference();
        if (retrained == null) {
            throw new IllegalArgumentException("no model retrained without these examples to compare with: give "
                    + "--reference, or run 'lethe audit --model " + model + " " + forgetOptions + "' first (its "
                    + "retrained references are used, and this test is added to its report), then 'lethe audit "
                    + command + "' again");
        }
        return new Comparison(requireClassifier(LoadedModel.load(StoredModel.openSingle(retrained)), retrained),
                "retrained by the audit in " + audit.dir(), audit);
    }

    /** The audited model, which must be a classifier in a run directory. */
    LoadedModel loadModel() throws IOException {
        return requireClassifier(LoadedModel.load(StoredModel.openSingle(model)), model);
    }

    /** The reference, or null when none was given. */
    LoadedModel loadReference() throws IOException {
        return reference == null ? null : requireClassifier(LoadedModel.load(StoredModel.openSingle(reference)), reference);
    }

    private static LoadedModel requireClassifier(LoadedModel m, Path path) {
        if (!(m.model instanceof Layer)) {
            throw new IllegalArgumentException(path + " is a " + m.spec.kind() + " language model; this audit needs a classifier");
        }
        return m;
    }

    /** The retained, {@code forget} and test examples of {@code m}'s run. */
    ErasureTestData data(LoadedModel m, ForgetTarget.WithClass forget) throws IOException {
        PreparedData run = m.runData();
        if (run == null) {
            throw new IllegalArgumentException(model + " is not in a run directory; the audit needs the run's data and"
                    + " split (the directory with config.json)");
        }
        Dataset pool = trainingPool(run);
        Selection selection;
        if (forget.subjects() != null) {
            selection = Selection.ofSubjects(pool, forget.subjects());
        } else if (forget.byIds()) {
            selection = Selection.ofIds(pool, forget.ids());
        } else {
            selection = Selection.ofClasses(pool, forget.classes().stream().mapToInt(Integer::intValue).toArray());
        }
        return ErasureTestData.of(pool, selection, run.testDataset(), m.spec.inputShape());
    }

    /** Every example the original run trained on: all of its data except the held-out split. */
    private static Dataset trainingPool(PreparedData run) {
        Examples all = run.all;
        if (!(all instanceof Dataset)) {
            throw new IllegalArgumentException(all.name() + " is a text corpus; this audit needs a labelled data set");
        }
        int[] keep = new int[all.size()];
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            if (run.test.indexOf(all.id(i)) < 0) {
                keep[n++] = i;
            }
        }
        return ((Dataset) all).select(java.util.Arrays.copyOf(keep, n));
    }
}
