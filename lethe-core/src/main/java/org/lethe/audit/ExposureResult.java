package org.lethe.audit;

/**
 * The exposure of one secret under one model: {@code log2(candidates) - log2(rank)}, where rank 1 means the model
 * likes the true canary best of all candidates. The maximum, {@code log2(candidates)}, says the model gives the
 * secret away; a model that never saw it has exposure about {@code log2(e) = 1.44} bits on average (rank uniform).
 */
public final class ExposureResult {
    public final String secret;
    /** The true secret's rank among the candidates (estimated when {@link #exact} is false). */
    public final double rank;
    public final long candidates;
    /** True when every candidate was scored; false when the rank was estimated from a sample. */
    public final boolean exact;
    /** Log-likelihood (nats) of the secret's characters and the end mark after the prefix. */
    public final double logLikelihood;

    public ExposureResult(String secret, double rank, long candidates, boolean exact, double logLikelihood) {
        this.secret = secret;
        this.rank = rank;
        this.candidates = candidates;
        this.exact = exact;
        this.logLikelihood = logLikelihood;
    }

    /** Exposure in bits. */
    public double exposure() {
        return (Math.log(candidates) - Math.log(rank)) / Math.log(2);
    }

    /** The largest possible exposure, {@code log2(candidates)}. */
    public double maxExposure() {
        return Math.log(candidates) / Math.log(2);
    }
}
