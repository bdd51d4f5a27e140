package org.lethe.unlearn;

/** What a deletion method needs from the model or the caller. */
public enum Requirement {
    /** The training run's provenance: which examples fed which step. */
    PROVENANCE,
    /** Checkpoints taken during training. */
    CHECKPOINTS,
    /** Every step's parameter update, recorded during training ({@code lethe train --record-updates}). */
    RECORDED_UPDATES,
    /** The examples to forget. */
    FORGET_SET,
    /** The training data that remains. */
    RETAIN_DATA,
    /** Held-out data to tune or check against. */
    VALIDATION_DATA
}
