package org.lethe.audit;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the audit needs from one model, computed in one pass over its logits: accuracy on the retain, forget and
 * held-out sets; the logit-scaled confidence and the loss of every forget example; the losses of the attack's
 * non-members; and, for a reference model, agreement and KL divergence with the audited model on each set.
 */
final class ModelOutputs implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final ClassAccuracy retain;
    final ClassAccuracy forget;
    final ClassAccuracy heldOut;
    final double[] forgetConfidence;
    final double[] forgetLoss;
    final double[] nonMemberLoss;
    // A job's result: it returns from the process that evaluated the model (so every map is a serialisable one).
    /** Per set (retain, forget, held_out): agreement with the audited model; null unless compared. */
    final Map<String, Double> agreement;
    /** Per set: mean KL(this model || audited model); null unless compared. */
    final Map<String, Double> kl;
    /** Logits of every used row by row of the full data set (kept for the audited model only). */
    final Map<Integer, double[]> logitsByRow;

    private ModelOutputs(ClassAccuracy retain, ClassAccuracy forget, ClassAccuracy heldOut, double[] forgetConfidence,
                         double[] forgetLoss, double[] nonMemberLoss, Map<String, Double> agreement,
                         Map<String, Double> kl, Map<Integer, double[]> logitsByRow) {
        this.retain = retain;
        this.forget = forget;
        this.heldOut = heldOut;
        this.forgetConfidence = forgetConfidence;
        this.forgetLoss = forgetLoss;
        this.nonMemberLoss = nonMemberLoss;
        this.agreement = agreement;
        this.kl = kl;
        this.logitsByRow = logitsByRow;
    }

    /**
     * Evaluates {@code model} on the audit's sets. With {@code audited} (the audited model's outputs, which must have
     * kept their logits), this model is a reference and is compared with it; {@code keepLogits} keeps this model's
     * logits so that references can be compared with it later.
     */
    static ModelOutputs of(StoredClassifier model, AuditSets sets, ModelOutputs audited, boolean keepLogits)
            throws IOException {
        int[] rows = sets.usedRows();
        double[][] logits = model.logits(sets.all, rows);
        Map<Integer, double[]> byRow = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            byRow.put(rows[i], logits[i]);
        }
        int classes = sets.all.classCount();
        double[][] retainLogits = pick(byRow, sets.retain);
        double[][] forgetLogits = pick(byRow, sets.forget);
        double[][] heldOutLogits = pick(byRow, sets.heldOut);
        int[] forgetLabels = sets.labels(sets.forget);
        double[] confidence = LogitScaledConfidence.ofRows(forgetLogits, forgetLabels);
        double[] forgetLoss = losses(forgetLogits, forgetLabels);
        double[] nonMemberLoss = losses(pick(byRow, sets.nonMembers), sets.labels(sets.nonMembers));
        Map<String, Double> agreement = null;
        Map<String, Double> kl = null;
        if (audited != null) {
            agreement = new java.util.LinkedHashMap<>();
            kl = new java.util.LinkedHashMap<>();
            compare("retain", retainLogits, pick(audited.logitsByRow, sets.retain), agreement, kl);
            compare("forget", forgetLogits, pick(audited.logitsByRow, sets.forget), agreement, kl);
            compare("held_out", heldOutLogits, pick(audited.logitsByRow, sets.heldOut), agreement, kl);
        }
        return new ModelOutputs(Utility.accuracy(retainLogits, sets.labels(sets.retain), classes),
                Utility.accuracy(forgetLogits, forgetLabels, classes),
                Utility.accuracy(heldOutLogits, sets.labels(sets.heldOut), classes),
                confidence, forgetLoss, nonMemberLoss, agreement, kl, keepLogits ? byRow : null);
    }

    /** The loss-threshold attack on this model: forget examples against the non-members. */
    MembershipAttackResult lossAttack() {
        return LossThresholdAttack.evaluate(forgetLoss, nonMemberLoss);
    }

    private static void compare(String set, double[][] reference, double[][] audited, Map<String, Double> agreement,
                                Map<String, Double> kl) {
        agreement.put(set, Utility.agreement(audited, reference));
        kl.put(set, Utility.meanKlDivergence(reference, audited));
    }

    private static double[][] pick(Map<Integer, double[]> byRow, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = byRow.get(rows[i]);
        }
        return out;
    }

    private static double[] losses(double[][] logits, int[] labels) {
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = LossThresholdAttack.crossEntropy(logits[i], labels[i]);
        }
        return out;
    }
}
