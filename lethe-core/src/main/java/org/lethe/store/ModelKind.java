package org.lethe.store;

/** What a stored model is. */
public enum ModelKind {
    /** A single model's training run ({@code lethe train}). */
    RUN,
    /** A SISA ensemble ({@code lethe train --sisa}). */
    SISA;

    /** This kind with an article, in sentences ("a single model", "a SISA ensemble"). */
    public String singular() {
        return this == SISA ? "a SISA ensemble" : "a single model";
    }

    /** The plural noun for this kind in sentences ("models", "SISA ensembles"). */
    public String plural() {
        return this == SISA ? "SISA ensembles" : "models";
    }
}
