package org.lethe.curvature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.nn.Conv2d;
import org.lethe.nn.HookedLayer;
import org.lethe.nn.Layer;
import org.lethe.nn.Linear;
import org.lethe.nn.SmallCnn;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;

class ConvFactorCollectionTest {
    private static final int CHANNELS = 2;
    private static final int SIDE = 4;
    private static final int KERNEL = 3;
    private static final int OUT = 3;
    private static final int CLASSES = 3;

    /** A convolution (3x3, stride 1, padding 1) straight into a linear head, so its output gradients have a closed form. */
    private static final class ConvHead extends Layer {
        final Conv2d conv;
        final Linear head;

        ConvHead(Rng rng) {
            conv = addChild("conv", new Conv2d(Real64.INSTANCE, rng, CHANNELS, OUT, KERNEL, KERNEL, 1, 1, true));
            head = addChild("head", new Linear(Real64.INSTANCE, rng, OUT * SIDE * SIDE, CLASSES, true));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor s = conv.forward(x.reshape(x.dim(0), CHANNELS, SIDE, SIDE));
            return head.forward(s.reshape(s.dim(0), -1));
        }
    }

    private static Dataset data(int[] labels, int features) {
        Rng rng = new Rng(5);
        float[] x = new float[labels.length * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return Dataset.of("tiny", x, features, labels, Dataset.sequentialIds("c", labels.length), null, null);
    }

    /** The input under kernel cell (c, i, j) at output position (oh, ow), zero in the padding. */
    private static double patch(Dataset d, int example, int c, int i, int j, int oh, int ow) {
        int ih = oh - 1 + i;
        int iw = ow - 1 + j;
        if (ih < 0 || ih >= SIDE || iw < 0 || iw >= SIDE) {
            return 0.0;
        }
        return d.feature(example, (c * SIDE + ih) * SIDE + iw);
    }

    /**
     * KFC by brute force: A is the mean of [patch; 1][patch; 1]^T over every example and output position; G is the
     * mean over examples of sum_t ds_t ds_t^T, with ds_t = (W_head^T (softmax - e_y)) at position t.
     */
    @Test
    void convolutionFactorsArePatchMomentsAndPositionSummedGradientMoments() {
        ConvHead model = new ConvHead(new Rng(6));
        int[] labels = {0, 2, 1, 1, 0};
        int[] all = {0, 1, 2, 3, 4};
        Dataset d = data(labels, CHANNELS * SIDE * SIDE);
        ClassificationTask task = new ClassificationTask(d, null, Real64.INSTANCE);
        KfacFactors f = new FactorCollector(model, Map.of("conv", model.conv), FisherKind.EMPIRICAL, 1).batchSize(2)
                .collect(task, all);
        LayerFactors conv = f.layer("conv");
        int q = CHANNELS * KERNEL * KERNEL + 1;
        int positions = SIDE * SIDE;
        assertThat(conv.a().n()).isEqualTo(q);
        assertThat(conv.g().n()).isEqualTo(OUT);
        assertThat(conv.samples()).isEqualTo(all.length);

        double[] a = new double[q * q];
        double[] g = new double[OUT * OUT];
        double[] headW = model.head.weight().value().toDoubles();
        double[] p = FactorCollector.softmaxRows(task.logits(model, all).toDoubles(), CLASSES);
        for (int n : all) {
            for (int oh = 0; oh < SIDE; oh++) {
                for (int ow = 0; ow < SIDE; ow++) {
                    double[] x = new double[q];
                    int k = 0;
                    for (int c = 0; c < CHANNELS; c++) {
                        for (int i = 0; i < KERNEL; i++) {
                            for (int j = 0; j < KERNEL; j++) {
                                x[k++] = patch(d, n, c, i, j, oh, ow);
                            }
                        }
                    }
                    x[q - 1] = 1.0;
                    double[] ds = new double[OUT];
                    for (int o = 0; o < OUT; o++) {
                        int feature = (o * SIDE + oh) * SIDE + ow;
                        for (int y = 0; y < CLASSES; y++) {
                            double v = p[n * CLASSES + y] - (y == labels[n] ? 1.0 : 0.0);
                            ds[o] += headW[y * OUT * positions + feature] * v;
                        }
                    }
                    for (int r = 0; r < q; r++) {
                        for (int c = 0; c < q; c++) {
                            a[r * q + c] += x[r] * x[c] / (all.length * positions);
                        }
                    }
                    for (int r = 0; r < OUT; r++) {
                        for (int c = 0; c < OUT; c++) {
                            g[r * OUT + c] += ds[r] * ds[c] / all.length;
                        }
                    }
                }
            }
        }
        for (int k = 0; k < a.length; k++) {
            assertThat(conv.a().values()[k]).as("A[%d]", k).isCloseTo(a[k], offset(1e-12));
        }
        for (int k = 0; k < g.length; k++) {
            assertThat(conv.g().values()[k]).as("G[%d]", k).isCloseTo(g[k], offset(1e-12));
        }
    }

    /** The flattened kernel's columns are in the patches' order: sum_t ds_t a_t^T is autograd's [dW | db]. */
    @Test
    void flattenedKernelMatchesThePatchOrder() {
        ConvHead model = new ConvHead(new Rng(7));
        int[] labels = {1, 0};
        Dataset d = data(labels, CHANNELS * SIDE * SIDE);
        ClassificationTask task = new ClassificationTask(d, null, Real64.INSTANCE);
        KfacLayer layer = KfacLayer.of(model.conv);
        NDArray[] seen = new NDArray[2];
        model.conv.addHook((l, input, gradOutput) -> {
            seen[0] = input;
            seen[1] = gradOutput;
        });
        Functional.crossEntropy(model.forward(task.inputs(new int[] {0, 1})), labels).sum().backward();
        NDArray product = layer.gradientRows(seen[1]).matmul(layer.inputRows(seen[0]), true, false);
        NDArray autograd = WeightColumns.append(model.conv.weight().grad().reshape(OUT, -1).to(Real64.INSTANCE),
                null);
        double[] expected = NDArray.concat(1, autograd, model.conv.bias().grad().reshape(OUT, 1)).toDoubles();
        double[] actual = product.toDoubles();
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("[dW | db][%d]", k).isCloseTo(expected[k], offset(1e-12));
        }
    }

    /** The CLI's path on the benchmark CNN: every conv and linear layer, edits at keep-mass 1 keep the weights. */
    @Test
    void smallCnnEditsConvolutionsAndLeavesOtherLayersBitIdentical() {
        SmallCnn model = new SmallCnn(Real64.INSTANCE, new Rng(8), 16, 2, 3, 4, CLASSES);
        int[] labels = {0, 1, 2, 1, 0, 2};
        int[] all = {0, 1, 2, 3, 4, 5};
        ClassificationTask task = new ClassificationTask(data(labels, 16 * 16), null, Real64.INSTANCE);
        Map<String, HookedLayer> layers = EditableLayers.all(model);
        assertThat(layers.keySet()).containsExactly("conv0", "conv1", "fc0", "fc1");
        for (FisherKind kind : FisherKind.values()) {
            KfacFactors f = new FactorCollector(model, layers, kind, 2).batchSize(4).collect(task, all);
            assertThat(f.layer("conv0").a().n()).isEqualTo(26);
            assertThat(f.layer("conv1").a().n()).isEqualTo(2 * 25 + 1);
            assertThat(f.layer("conv1").g().n()).isEqualTo(3);
        }
        KfacFactors f = new FactorCollector(model, layers, FisherKind.SAMPLED, 2).collect(task, all);
        // The parallel decompositions are the serial ones.
        Map<String, LayerEditor> editors = LayerEditor.all(layers, f);
        assertThat(editors.keySet()).containsExactlyElementsOf(layers.keySet());
        for (String name : layers.keySet()) {
            LayerEditor serial = LayerEditor.of(name, layers.get(name), f.layer(name));
            assertThat(editors.get(name).coefficients().toDoubles()).containsExactly(serial.coefficients().toDoubles());
            assertThat(editors.get(name).inputBasis().values()).containsExactly(serial.inputBasis().values());
        }
        double[] kernel = model.conv1().weight().value().toDoubles();
        double[] bias = model.conv1().bias().value().toDoubles();
        double[] untouched = model.conv0().weight().value().toDoubles();
        double[] fc = model.fc0().weight().value().toDoubles();
        LayerEditor editor = LayerEditor.of("conv1", model.conv1(), f.layer("conv1"));
        assertThat(editor.apply(1.0).keptFraction()).isEqualTo(1.0);
        double[] kept = model.conv1().weight().value().toDoubles();
        for (int k = 0; k < kernel.length; k++) {
            assertThat(kept[k]).isCloseTo(kernel[k], offset(1e-12));
        }
        for (int k = 0; k < bias.length; k++) {
            assertThat(model.conv1().bias().value().toDoubles()[k]).isCloseTo(bias[k], offset(1e-12));
        }
        LayerEdit half = editor.apply(0.5);
        assertThat(half.keptFraction()).isLessThan(1.0);
        assertThat(model.conv1().weight().value().toDoubles()).isNotEqualTo(kernel);
        // In the eigenbasis, the edited [W | b] has no coefficient outside the kept pairs.
        NDArray c = editor.outputBasis().vectors().matmul(KfacLayer.of(model.conv1()).weights(), true, false)
                .matmul(editor.inputBasis().vectors());
        KeepMassSelection s = editor.select(0.5);
        int q = c.dim(1);
        for (int i = 0; i < c.dim(0); i++) {
            for (int j = s.rowCounts()[i]; j < q; j++) {
                assertThat(c.toDoubles()[i * q + j]).isCloseTo(0.0, offset(1e-12));
            }
        }
        assertThat(model.conv0().weight().value().toDoubles()).isEqualTo(untouched);
        assertThat(model.fc0().weight().value().toDoubles()).isEqualTo(fc);
    }
}
