package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.nn.GptConfig;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class CanaryExposureTest {
    private static final TextCorpus VOCABULARY = TextCorpus.of("v", List.of("abcxyz0123"), new String[] {"v-0"}, null);

    private static Gpt randomGpt(long seed) {
        return new Gpt(Real64.INSTANCE, new Rng(seed), GptConfig.tinyCharacterModel(VOCABULARY.tokenCount()).toBuilder()
                .initStd(0.5).build());
    }

    @Test
    void candidatesAreNumberedInBaseAlphabetSize() {
        CanaryFormat f = new CanaryFormat("ab", "0123", 3);
        assertThat(f.candidateCount()).isEqualTo(64);
        assertThat(f.secret(0)).isEqualTo("000");
        assertThat(f.secret(27)).isEqualTo("123");
        assertThat(f.indexOf("123")).isEqualTo(27);
        assertThat(f.document("123")).isEqualTo("ab123");
        for (long i = 0; i < 64; i++) {
            assertThat(f.indexOf(f.secret(i))).isEqualTo(i);
        }
        assertThatThrownBy(() -> f.indexOf("129")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'9'");
        assertThatThrownBy(() -> new CanaryFormat("x", "0", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchedScoresEqualOneSequenceAtATime() {
        Gpt gpt = randomGpt(1);
        CanaryFormat f = new CanaryFormat("xa", "0123", 3);
        long[] candidates = {0, 5, 27, 63};
        double[] batched = CanaryExposure.logLikelihoods(gpt, VOCABULARY, f, candidates, 3);
        for (int i = 0; i < candidates.length; i++) {
            int[] doc = VOCABULARY.encode(f.document(f.secret(candidates[i])));
            int[] seq = new int[doc.length + 2];
            seq[0] = VOCABULARY.bos();
            System.arraycopy(doc, 0, seq, 1, doc.length);
            seq[seq.length - 1] = VOCABULARY.bos();
            double logLikelihood = 0;
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                double[] logp = Functional.logSoftmax(gpt.forward(java.util.Arrays.copyOf(seq, seq.length - 1), 1,
                        seq.length - 1), 2).value().toDoubles();
                int vocab = VOCABULARY.tokenCount();
                // Only the secret's three characters and the end mark: positions 2 (after "xa") to 5.
                for (int t = 2; t < seq.length - 1; t++) {
                    logLikelihood += logp[t * vocab + seq[t + 1]];
                }
            }
            assertThat(batched[i]).isCloseTo(logLikelihood, within(1e-12));
        }
    }

    @Test
    void rankCountsCandidatesScoringAtLeastAsHigh() {
        Gpt gpt = randomGpt(2);
        CanaryFormat f = new CanaryFormat("b", "xyz01", 3);
        // The same batches as the measurement: a native BLAS may round a row differently in another batch size,
        // and the score is compared bit for bit below.
        CanaryExposure.Options options = new CanaryExposure.Options();
        options.batch = 7;
        double[] all = CanaryExposure.logLikelihoods(gpt, VOCABULARY, f, range(125), options.batch);
        int best = 0;
        for (int i = 1; i < all.length; i++) {
            best = all[i] > all[best] ? i : best;
        }
        List<ExposureResult> r = CanaryExposure.measure(gpt, VOCABULARY, f, List.of(f.secret(best), f.secret(17)),
                options);
        assertThat(r.get(0).rank).isEqualTo(1.0);
        assertThat(r.get(0).exposure()).isCloseTo(Math.log(125) / Math.log(2), within(1e-12));
        int atLeast = 0;
        for (int i = 0; i < all.length; i++) {
            atLeast += i != 17 && all[i] >= all[17] ? 1 : 0;
        }
        assertThat(r.get(1).rank).isEqualTo(1.0 + atLeast);
        assertThat(r.get(1).exact).isTrue();
        assertThat(r.get(1).logLikelihood).isEqualTo(all[17]);
    }

    @Test
    void sampledRankEstimatesTheExactOne() {
        Gpt gpt = randomGpt(3);
        CanaryFormat f = new CanaryFormat("c", "abcxyz0123", 3);
        List<String> secrets = List.of("a0z", "333", "cab");
        List<ExposureResult> exact = CanaryExposure.measure(gpt, VOCABULARY, f, secrets, new CanaryExposure.Options());
        CanaryExposure.Options sampled = new CanaryExposure.Options();
        sampled.maxCandidates = 100;
        sampled.samples = 4000;
        List<ExposureResult> estimate = CanaryExposure.measure(gpt, VOCABULARY, f, secrets, sampled);
        for (int s = 0; s < secrets.size(); s++) {
            assertThat(estimate.get(s).exact).isFalse();
            // The estimate's standard error is at most 1000 * sqrt(0.25 / 4000) = 7.9 ranks.
            assertThat(estimate.get(s).rank).isCloseTo(exact.get(s).rank, within(40.0));
        }
    }

    @Test
    void aCanaryLongerThanTheContextIsRejected() {
        CanaryFormat f = new CanaryFormat("abcabcabcabc", "01", 4);
        assertThatThrownBy(() -> CanaryExposure.logLikelihoods(randomGpt(4), VOCABULARY, f, new long[] {0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context of 16");
    }

    private static long[] range(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
