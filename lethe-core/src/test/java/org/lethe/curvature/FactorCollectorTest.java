package org.lethe.curvature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.data.Dataset;
import org.lethe.nn.Linear;
import org.lethe.nn.Mlp;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;

class FactorCollectorTest {
    private static final int CLASSES = 3;

    private static Dataset data(int[] labels) {
        Rng rng = new Rng(1);
        float[] x = new float[labels.length * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return Dataset.of("tiny", x, 4, labels, Dataset.sequentialIds("t", labels.length), null, null);
    }

    private static KfacFactors collect(Mlp model, int[] labels, FisherKind kind, int[] examples) {
        Dataset d = data(labels);
        return new FactorCollector(model, EditableLayers.linear(model), kind, 9).batchSize(2)
                .collect(new ClassificationTask(d, null, Real64.INSTANCE), examples);
    }

    /** A is the mean of [x; 1][x; 1]^T over the first layer's inputs, the homogeneous coordinate last. */
    @Test
    void inputFactorIsTheMeanOuterProductWithTheOneLast() {
        Mlp model = new Mlp(Real64.INSTANCE, new Rng(2), 4, 5, CLASSES);
        int[] labels = {0, 1, 2, 1, 0};
        Dataset d = data(labels);
        KfacFactors f = collect(model, labels, FisherKind.EMPIRICAL, new int[] {0, 1, 2, 3, 4});
        SymmetricMatrix a = f.layer("fc0").a();
        assertThat(a.n()).isEqualTo(5);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                double expected = 0;
                for (int i = 0; i < 5; i++) {
                    double xr = r < 4 ? d.feature(i, r) : 1.0;
                    double xc = c < 4 ? d.feature(i, c) : 1.0;
                    expected += xr * xc / 5;
                }
                assertThat(a.get(r, c)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(f.layer("fc1").g().n()).isEqualTo(CLASSES);
    }

    /**
     * The exact Fisher is the softmax-weighted mean of the empirical Fisher over every possible label; the
     * empirical ones are computed with each label in turn, through ordinary per-example losses.
     */
    @Test
    void exactFisherIsTheExpectationOfTheEmpiricalOverTheSoftmax() {
        Mlp model = new Mlp(Real64.INSTANCE, new Rng(3), 4, 6, CLASSES);
        int[] one = {0};
        KfacFactors exact = collect(model, new int[] {0}, FisherKind.EXACT, one);
        ClassificationTask task = new ClassificationTask(data(new int[] {0}), null, Real64.INSTANCE);
        double[] p = FactorCollector.softmaxRows(task.logits(model, one).toDoubles(), CLASSES);
        for (String layer : new String[] {"fc0", "fc1"}) {
            int n = exact.layer(layer).g().n();
            double[] expected = new double[n * n];
            for (int y = 0; y < CLASSES; y++) {
                KfacFactors emp = collect(model, new int[] {y}, FisherKind.EMPIRICAL, one);
                double[] g = emp.layer(layer).g().values();
                for (int k = 0; k < g.length; k++) {
                    expected[k] += p[y] * g[k];
                }
            }
            double[] actual = exact.layer(layer).g().values();
            for (int k = 0; k < actual.length; k++) {
                assertThat(actual[k]).as("%s G[%d]", layer, k).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void samplingIsSeededAndKeepMassOneRestoresTheWeights() {
        Mlp model = new Mlp(Real64.INSTANCE, new Rng(4), 4, 5, CLASSES);
        int[] labels = {0, 1, 2, 1, 0, 2};
        int[] all = {0, 1, 2, 3, 4, 5};
        KfacFactors a = collect(model, labels, FisherKind.SAMPLED, all);
        KfacFactors b = collect(model, labels, FisherKind.SAMPLED, all);
        assertThat(a).isEqualTo(b);
        Map<String, Linear> layers = EditableLayers.linear(model);
        double[] before = layers.get("fc0").weight().value().toDoubles();
        LayerEditor editor = LayerEditor.of("fc0", layers.get("fc0"), a.layer("fc0"));
        LayerEdit full = editor.apply(1.0);
        assertThat(full.keptFraction()).isEqualTo(1.0);
        double[] after = layers.get("fc0").weight().value().toDoubles();
        for (int k = 0; k < before.length; k++) {
            assertThat(after[k]).isCloseTo(before[k], org.assertj.core.data.Offset.offset(1e-10));
        }
        LayerEdit half = editor.apply(0.5);
        assertThat(half.keptFraction()).isLessThan(1.0);
        assertThat(half.keptMassShare()).isGreaterThanOrEqualTo(0.5);
    }
}
