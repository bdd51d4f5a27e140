package org.lethe.audit;

import java.util.ArrayList;
import java.util.List;
import org.lethe.audit.json.AuditDocument;
import org.lethe.audit.json.AuditSection;

/**
 * The outcome of an {@link AuditRunner} run: the document saved as {@code audit.json} ({@link #document()}), the
 * verdict, and the raw material of the report's plots (confidences, ROC curves, per-class accuracies).
 */
public final class AuditResult {
    AuditDocument document;
    String verdict = "";
    AuditVerdict.Conclusion conclusion = AuditVerdict.Conclusion.CANNOT_TELL;
    double originalForgetQuality = Double.NaN;
    double[] modelForgetConfidence = new double[0];
    double[][] retrainedConfidence = new double[0][];
    double[][] unlearnedConfidence = new double[0][];
    RocCurve modelLossAttack;
    List<RocCurve> retrainedLossAttacks = new ArrayList<>();
    RocCurve unlearningLira;
    ClassAccuracy modelRetain;
    ClassAccuracy modelForget;
    ClassAccuracy modelHeldOut;
    double[] retrainedHeldOutPerClass = new double[0];
    double[] retrainedForgetPerClass = new double[0];
    double forgetQuality = Double.NaN;
    double expectedForgetQuality = Double.NaN;
    double finalScore = Double.NaN;
    double confidenceShift = Double.NaN;
    double meanDeletionSeconds = Double.NaN;
    int modelsBuilt;
    int modelsReused;
    double wallSeconds;

    AuditResult() {
    }

    /** The {@code audit.json} document, with any section added by {@link #putSection} since the audit. */
    public AuditDocument document() {
        return document;
    }

    /** The verdict paragraph. */
    public String verdict() {
        return verdict;
    }

    /** The verdict in three words. */
    public AuditVerdict.Conclusion conclusion() {
        return conclusion;
    }

    /** Forget quality of models trained with the forget set against the references (the power), or NaN. */
    public double originalForgetQuality() {
        return originalForgetQuality;
    }

    /** Logit-scaled confidences of the scored forget examples under the audited model. */
    public double[] modelForgetConfidence() {
        return modelForgetConfidence.clone();
    }

    /** The same under each retrained reference model, {@code [model][example]}. */
    public double[][] retrainedConfidence() {
        return copy(retrainedConfidence);
    }

    /** The same under each unlearned comparison model (empty when none were made). */
    public double[][] unlearnedConfidence() {
        return copy(unlearnedConfidence);
    }

    /** The loss-threshold attack on the audited model, or null without non-members. */
    public RocCurve modelLossAttack() {
        return modelLossAttack;
    }

    /** The same attack on each retrained reference model. */
    public List<RocCurve> retrainedLossAttacks() {
        return List.copyOf(retrainedLossAttacks);
    }

    /** The U-LiRA curve (unlearned against retrained models), or null when not measured. */
    public RocCurve unlearningLira() {
        return unlearningLira;
    }

    /** The audited model's accuracy on the retain set. */
    public ClassAccuracy modelRetain() {
        return modelRetain;
    }

    /** The audited model's accuracy on the forget set. */
    public ClassAccuracy modelForget() {
        return modelForget;
    }

    /** The audited model's accuracy on held-out examples. */
    public ClassAccuracy modelHeldOut() {
        return modelHeldOut;
    }

    /** Mean per-class held-out accuracy of the retrained references (NaN for a class without examples). */
    public double[] retrainedHeldOutPerClass() {
        return retrainedHeldOutPerClass.clone();
    }

    /** Mean per-class forget-set accuracy of the retrained references (NaN where the forget set has no example). */
    public double[] retrainedForgetPerClass() {
        return retrainedForgetPerClass.clone();
    }

    /** Forget quality F, or NaN when not measured. */
    public double forgetQuality() {
        return forgetQuality;
    }

    /** F that models indistinguishable from retraining score at this number of models (Gaussian estimate). */
    public double expectedForgetQuality() {
        return expectedForgetQuality;
    }

    /**
     * Mean over scored forget examples of (mean confidence under the unlearned models - under the retrained ones):
     * positive when unlearning leaves the model more confident on the forgotten data than retraining; NaN if not
     * measured.
     */
    public double confidenceShift() {
        return confidenceShift;
    }

    /** The challenge's final score, or NaN. */
    public double finalScore() {
        return finalScore;
    }

    /** Mean wall time of the deletion in the unlearned comparison models (0 for "original", NaN if none). */
    public double meanDeletionSeconds() {
        return meanDeletionSeconds;
    }

    /** Models this audit trained or unlearned (not found in the cache). */
    public int modelsBuilt() {
        return modelsBuilt;
    }

    /** Models found in the cache. */
    public int modelsReused() {
        return modelsReused;
    }

    /** Wall time of the whole audit. */
    public double wallSeconds() {
        return wallSeconds;
    }

    /** An optional section ({@link AuditExtension#OPTIONAL_SECTIONS}), or null when not measured. */
    public AuditSection section(String name) {
        return document.section(name);
    }

    /**
     * Adds or replaces an optional section of the document (for measures run after the audit); fails for a name
     * not in {@link AuditExtension#OPTIONAL_SECTIONS} or a section of another test.
     */
    public void putSection(String name, AuditSection section) {
        document = document.withSection(name, section);
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
