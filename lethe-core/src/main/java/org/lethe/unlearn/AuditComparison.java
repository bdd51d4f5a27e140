package org.lethe.unlearn;

/**
 * How an audit builds the "unlearned" comparison models for a method: the models that the audited deletion is
 * scored alongside, with other seeds.
 */
public enum AuditComparison {
    /**
     * Trained from scratch without the forget set: for exact methods whose result is, by construction, the
     * retrained model of its seed (replay, retraining). Their cost is the training time.
     */
    RETRAINED_FROM_SCRATCH,
    /**
     * Trained with the forget set (recording updates when the method needs them), then the method applied to
     * delete it. Their cost is the deletion's own wall time, from its record.
     */
    DELETED_FROM_ORIGINAL
}
