package org.lethe.audit;

import java.util.ArrayList;
import java.util.List;
import org.lethe.autograd.GradMode;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.tensor.Rng;

/**
 * Canary exposure (Carlini et al., "The Secret Sharer", 2019) for a character GPT: how much more likely the model
 * finds the true secret of an inserted canary than the other candidates of its {@link CanaryFormat}.
 *
 * <p>A candidate's score is the log-likelihood of its secret characters and the end mark given the start mark
 * and the prefix, that is, of the canary document as training reads it minus the prefix's own term, which is the
 * same for every candidate. Candidates are scored in batches of equal-length sequences. The rank of the true
 * secret is {@code 1 + } the number of other candidates scoring at least as high (ties count against the secret,
 * so exposure is never overstated).
 *
 * <p>When the format has more than {@link Options#maxCandidates} candidates, the rank is estimated from
 * {@link Options#samples} candidates drawn uniformly with replacement (seeded): {@code 1 + (N - 1) * q}, with
 * {@code q} the fraction of drawn candidates other than the secret that score at least as high. Exposures above
 * about {@code log2(samples)} are then lower bounds rather than estimates.
 */
public final class CanaryExposure {
    /** Scoring settings. */
    public static final class Options {
        /** Score every candidate when there are at most this many; otherwise sample. */
        public long maxCandidates = 1_000_000;
        /** Candidates drawn when sampling. */
        public int samples = 100_000;
        /** Sequences per forward pass. */
        public int batch = 512;
        /** Seeds the sample. */
        public long seed = 0;
    }

    private CanaryExposure() {
    }

    /** The exposure of each secret under {@code gpt}, which reads text in {@code vocabulary}'s tokens. */
    public static List<ExposureResult> measure(Gpt gpt, TextCorpus vocabulary, CanaryFormat format, List<String> secrets,
                                               Options options) {
        if (options.batch < 1 || options.samples < 1 || options.maxCandidates < 1) {
            throw new IllegalArgumentException("exposure options need batch, samples and maxCandidates >= 1");
        }
        long n = format.candidateCount();
        boolean exact = n <= options.maxCandidates;
        long[] candidates;
        if (exact) {
            candidates = new long[(int) n];
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = i;
            }
        } else {
            Rng rng = new Rng(options.seed);
            candidates = new long[options.samples];
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = Math.min(n - 1, (long) (rng.nextDouble() * n));
            }
        }
        double[] scores = logLikelihoods(gpt, vocabulary, format, candidates, options.batch);
        long[] secretIndices = new long[secrets.size()];
        for (int s = 0; s < secretIndices.length; s++) {
            secretIndices[s] = format.indexOf(secrets.get(s));
        }
        // Enumerated scores come from the same batches for every candidate, so the secret's own entry is used.
        double[] secretScores = exact ? new double[secretIndices.length]
                : logLikelihoods(gpt, vocabulary, format, secretIndices, options.batch);
        if (exact) {
            for (int s = 0; s < secretIndices.length; s++) {
                secretScores[s] = scores[(int) secretIndices[s]];
            }
        }
        List<ExposureResult> out = new ArrayList<>();
        for (int s = 0; s < secretIndices.length; s++) {
            long atLeast = 0;
            long others = 0;
            for (int i = 0; i < candidates.length; i++) {
                if (candidates[i] == secretIndices[s]) {
                    continue;
                }
                others++;
                if (scores[i] >= secretScores[s]) {
                    atLeast++;
                }
            }
            double rank = exact ? 1 + atLeast : 1 + (n - 1) * (others == 0 ? 0.0 : atLeast / (double) others);
            out.add(new ExposureResult(secrets.get(s), rank, n, exact, secretScores[s]));
        }
        return out;
    }

    /**
     * The score (nats) of each candidate: {@code sum_j log p(secret_j | BOS, prefix, secret_<j) + log p(BOS | ...)}.
     */
    public static double[] logLikelihoods(Gpt gpt, TextCorpus vocabulary, CanaryFormat format, long[] candidates,
                                          int batch) {
        int[] prefix = vocabulary.encode(format.prefix());
        int[] symbols = vocabulary.encode(format.alphabet());
        int k = format.length();
        int time = 1 + prefix.length + k;
        int context = gpt.config().contextLength();
        if (time > context) {
            throw new IllegalArgumentException("canary documents of " + (prefix.length + k) + " characters plus the "
                    + "start mark do not fit the model's context of " + context);
        }
        if (vocabulary.tokenCount() != gpt.config().vocabSize()) {
            throw new IllegalArgumentException("the model predicts " + gpt.config().vocabSize() + " tokens but "
                    + vocabulary.name() + " has " + vocabulary.tokenCount());
        }
        int vocab = gpt.config().vocabSize();
        int end = vocabulary.bos();
        double[] out = new double[candidates.length];
        boolean wasTraining = gpt.isTraining();
        gpt.train(false);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int from = 0; from < candidates.length; from += batch) {
                int b = Math.min(batch, candidates.length - from);
                int[] tokens = new int[b * time];
                int[][] secretTokens = new int[b][];
                for (int r = 0; r < b; r++) {
                    secretTokens[r] = symbolsOf(candidates[from + r], symbols, k);
                    int o = r * time;
                    tokens[o] = vocabulary.bos();
                    System.arraycopy(prefix, 0, tokens, o + 1, prefix.length);
                    System.arraycopy(secretTokens[r], 0, tokens, o + 1 + prefix.length, k);
                }
                double[] logits = gpt.forward(tokens, b, time).value().toDoubles();
                for (int r = 0; r < b; r++) {
                    double sum = 0;
                    for (int j = 0; j <= k; j++) {
                        int position = prefix.length + j;
                        int target = j < k ? secretTokens[r][j] : end;
                        sum += logSoftmaxAt(logits, (r * time + position) * vocab, vocab, target);
                    }
                    out[from + r] = sum;
                }
            }
        } finally {
            gpt.train(wasTraining);
        }
        return out;
    }

    private static int[] symbolsOf(long index, int[] symbols, int k) {
        int[] out = new int[k];
        long v = index;
        for (int i = k - 1; i >= 0; i--) {
            out[i] = symbols[(int) (v % symbols.length)];
            v /= symbols.length;
        }
        return out;
    }

    private static double logSoftmaxAt(double[] logits, int offset, int width, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < width; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < width; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return logits[offset + target] - max - Math.log(sum);
    }
}
