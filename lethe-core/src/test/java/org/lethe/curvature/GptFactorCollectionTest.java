package org.lethe.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.data.Dataset;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.nn.GptConfig;
import org.lethe.nn.Linear;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.lethe.train.LanguageModelTask;

class GptFactorCollectionTest {
    private static final List<String> DOCS = List.of("anna", "bob", "clementine", "dave", "eve", "al");

    private static TextCorpus corpus() {
        return TextCorpus.of("t", DOCS, Dataset.sequentialIds("t", DOCS.size()), null);
    }

    private static KfacFactors collect(Gpt gpt, LanguageModelTask task, int batch, int[] docs) {
        return new FactorCollector(gpt, EditableLayers.linear(gpt), FisherKind.EMPIRICAL, 3).batchSize(batch).collect(task, docs);
    }

    private static String headName(Gpt gpt) {
        return EditableLayers.linear(gpt).entrySet().stream().filter(e -> e.getValue() == gpt.head()).findFirst()
                .orElseThrow().getKey();
    }

    /**
     * The head's G is the mean over every predicted position of (softmax - e_next)(softmax - e_next)^T, computed
     * here from one forward pass per document; padding never counts as a sample.
     */
    @Test
    void headOutputFactorIsTheMeanOverPositionsOfTheNextCharacterGradient() {
        TextCorpus c = corpus();
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(5), GptConfig.tinyCharacterModel(c.tokenCount()));
        LanguageModelTask task = new LanguageModelTask(c, Real64.INSTANCE);
        int[] docs = {0, 1, 2, 3, 4, 5};
        KfacFactors f = collect(gpt, task, 4, docs);
        int vocab = c.tokenCount();
        double[] expected = new double[vocab * vocab];
        long positions = 0;
        for (int d : docs) {
            int[] seq = task.sequence(d);
            int time = Math.min(gpt.config().contextLength(), seq.length - 1);
            int[] tokens = java.util.Arrays.copyOfRange(seq, 0, time);
            double[] p = FactorCollector.softmaxRows(gpt.forward(tokens, 1, time).value().toDoubles(), vocab);
            for (int t = 0; t < time; t++) {
                double[] v = new double[vocab];
                for (int k = 0; k < vocab; k++) {
                    v[k] = p[t * vocab + k] - (k == seq[t + 1] ? 1 : 0);
                }
                for (int r = 0; r < vocab; r++) {
                    for (int s = 0; s < vocab; s++) {
                        expected[r * vocab + s] += v[r] * v[s];
                    }
                }
                positions++;
            }
        }
        LayerFactors head = f.layer(headName(gpt));
        assertThat(head.samples()).isEqualTo(positions);
        for (int r = 0; r < vocab; r++) {
            for (int s = 0; s < vocab; s++) {
                assertThat(head.g().get(r, s)).isCloseTo(expected[r * vocab + s] / positions, offset(1e-12));
            }
        }
    }

    /** Grouping documents by length into batches changes nothing: every layer's factors match batch size one. */
    @Test
    void batchingDoesNotChangeAnyLayersFactors() {
        TextCorpus c = corpus();
        Gpt gpt = new Gpt(Real64.INSTANCE, new Rng(6), GptConfig.tinyCharacterModel(c.tokenCount()));
        LanguageModelTask task = new LanguageModelTask(c, Real64.INSTANCE);
        int[] docs = {5, 0, 3, 2, 1, 4};
        KfacFactors one = collect(gpt, task, 1, docs);
        KfacFactors many = collect(gpt, task, 64, docs);
        Map<String, Linear> layers = EditableLayers.linear(gpt);
        assertThat(layers).containsKey(headName(gpt)).hasSizeGreaterThan(2);
        for (String name : layers.keySet()) {
            double[] a1 = one.layer(name).a().values();
            double[] a2 = many.layer(name).a().values();
            double[] g1 = one.layer(name).g().values();
            double[] g2 = many.layer(name).g().values();
            for (int i = 0; i < a1.length; i++) {
                assertThat(a2[i]).isCloseTo(a1[i], offset(1e-12));
            }
            for (int i = 0; i < g1.length; i++) {
                assertThat(g2[i]).isCloseTo(g1[i], offset(1e-12));
            }
        }
    }
}
