package org.lethe.unlearn;

/**
 * The algorithm of an approximate deletion method: edits {@link ForgetProblem#model()} in place so that it behaves
 * like a model never trained on the forget set. Everything it may read (data, settings, seed, the original model)
 * is in the problem; every optimiser step goes through {@link ForgetProblem#step}. The same algorithm serves the
 * command line (through {@link ApproximateUnlearner}, which writes the new version) and the leaderboard (which runs
 * it in memory many times).
 */
@FunctionalInterface
public interface ApproximateDeletion {
    /** Edits the problem's model; figures worth recording go to {@link ForgetProblem#note}. */
    void apply(ForgetProblem problem);
}
