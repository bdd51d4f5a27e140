package org.lethe.unlearn;

/**
 * How methods draw batches of the forget set. A forget set is often smaller than one training batch; taking it
 * whole at every step would make a method's steps the same for every seed, so batches hold at most half of it and
 * each step sees a seeded random part, as with the retained data.
 */
public final class ForgetBatches {
    private ForgetBatches() {
    }

    /** The training batch size, but at most half the forget set (at least one example). */
    public static int size(ForgetProblem p) {
        return Math.max(1, Math.min(p.config().batchSize, p.forget().length / 2));
    }

    /** Seeded batches of the forget set of {@link #size} examples, from random stream {@code stream}. */
    public static ForgetProblem.Batches of(ForgetProblem p, long stream) {
        return p.batches(p.forget(), size(p), stream);
    }
}
