package org.lethe.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Gpt;
import org.lethe.nn.Module;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Series;

class MicroGptExperimentTest {
    private static MicroGptExperiment experiment;

    @BeforeAll
    static void load() throws Exception {
        experiment = MicroGptExperiment.names();
    }

    @Test
    void shuffleMatchesCPythonAndFindsTheDeletionSet() {
        // CPython: random.seed(42); random.shuffle(docs); docs[:5] and the names with 'x' among docs[:1000]
        assertThat(experiment.shuffledDocuments()).hasSize(32033);
        assertThat(experiment.shuffledDocuments().subList(0, 5))
                .containsExactly("yuheng", "diondre", "xavien", "jori", "juanluis");
        assertThat(experiment.trainingName(999)).isEqualTo("akio");
        int[] d = experiment.deletionSet();
        assertThat(d).hasSize(18);
        assertThat(java.util.Arrays.copyOf(d, 6)).containsExactly(2, 8, 66, 138, 209, 260);
        assertThat(experiment.trainingName(2)).isEqualTo("xavien");
        assertThat(experiment.trainingName(8)).isEqualTo("phoenix");
        assertThat(experiment.trainingName(66)).isEqualTo("trixie");
        assertThat(experiment.trainingName(138)).isEqualTo("brennox");
        assertThat(experiment.exampleCount()).isEqualTo(1000);
        assertThat(experiment.vocabulary()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void initialWeightsFollowTheShuffleInCPythonsOrderAndLayout() {
        double[] w = experiment.initialWeights();
        assertThat(w).hasSize(4192);
        // CPython, after the shuffle: [random.gauss(0, 0.08) for _ in range(4192)]; w[0], w[1], w[4191], sum(w).hex()
        assertThat(w[0]).isEqualTo(-0.04273180935726127);
        assertThat(w[1]).isEqualTo(0.07696138795865093);
        assertThat(w[4191]).isEqualTo(-0.09496111892676082);
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        assertThat(sum).isCloseTo(Double.parseDouble("0x1.1284937a7ee2fp+2"), Offset.offset(1e-12));

        Gpt gpt = experiment.newModel(Real64.INSTANCE);
        Map<String, Tensor> params = gpt.namedParameters();
        List<String> names = new ArrayList<>(params.keySet());
        assertThat(names).containsExactly("wte", "wpe", "lm_head", "layer0.attn_wq", "layer0.attn_wk", "layer0.attn_wv",
                "layer0.attn_wo", "layer0.mlp_fc1", "layer0.mlp_fc2");
        int[][] shapes = {{27, 16}, {16, 16}, {27, 16}, {16, 16}, {16, 16}, {16, 16}, {16, 16}, {64, 16}, {16, 64}};
        int offset = 0;
        for (int i = 0; i < names.size(); i++) {
            Tensor p = params.get(names.get(i));
            assertThat(p.shape()).as(names.get(i)).containsExactly(shapes[i]);
            // Row by row: entry [r][c] of an [out, in] matrix is draw offset + r * in + c.
            int cols = shapes[i][1];
            assertThat(p.value().get(1, 2)).isEqualTo(w[offset + cols + 2]);
            offset += shapes[i][0] * cols;
        }
        assertThat(offset).isEqualTo(4192);
    }

    @Test
    void documentsAreBosCharsBosCutToTheContext() {
        int[][] max = experiment.example("max");
        assertThat(max[0]).containsExactly(26, 12, 0, 23);
        assertThat(max[1]).containsExactly(12, 0, 23, 26);
        int[][] longName = experiment.example("abcdefghijklmnopqrst");
        assertThat(longName[0]).hasSize(16);
        assertThat(longName[1][15]).as("the 16th character, p").isEqualTo(15);
    }

    @Test
    void trainingLowersTheLossAndDeletingRaisesTheLossOnMax() {
        double before = experiment.loss(experiment.newModel(Real64.INSTANCE), "max").item();
        Module trained = experiment.train(Real64.INSTANCE, LossWeights.none(), null);
        double after = experiment.measurement().evaluate(trained).item();
        Module deleted = experiment.train(Real64.INSTANCE,
                LossWeights.deleting(experiment.deletionSet(), experiment.exampleCount(), 1.0), null);
        double withoutX = experiment.measurement().evaluate(deleted).item();
        assertThat(after).isLessThan(before);
        // "max" ends in x: never seeing an x raises its loss.
        assertThat(withoutX).isGreaterThan(after + 0.05);
    }

    @Test
    void seriesRunReproducesTheRealRunInItsConstantTerm() {
        MicroGptExperiment small = MicroGptExperiment.of(experiment.shuffledDocuments().subList(0, 40));
        Module real = small.train(Real64.INSTANCE, LossWeights.none(), null);
        double[] re = new double[small.exampleCount()];
        re[3] = 0.5;
        Module series = small.train(Series.of(2), LossWeights.direction(re, null), null);
        for (Map.Entry<String, Tensor> e : real.namedParameters().entrySet()) {
            assertThat(Series.plane(series.namedParameters().get(e.getKey()).value(), 0, false).toDoubles())
                    .isEqualTo(e.getValue().value().toDoubles());
        }
    }
}
