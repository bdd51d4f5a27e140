package org.lethe.curvature;

import java.util.Locale;

/** Which labels the output-gradient factor {@code G} of K-FAC is built from. */
public enum FisherKind {
    /** Each example's own label (the empirical Fisher). */
    EMPIRICAL,
    /** One label per example drawn from the model's softmax (the true Fisher, by sampling). */
    SAMPLED,
    /** The expectation over the model's softmax, computed exactly from one backward pass per class. */
    EXACT;

    /** The lower-case name used on the command line and in files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code empirical}, {@code sampled} or {@code exact}; errors list the choices. */
    public static FisherKind parse(String text) {
        for (FisherKind k : values()) {
            if (k.label().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown Fisher '" + text + "'; choose empirical, sampled or exact");
    }
}
