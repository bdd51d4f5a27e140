package org.lethe.curvature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Layer;
import org.lethe.nn.LayerHook;
import org.lethe.nn.Linear;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;

/**
 * Collects K-FAC factors of a classifier's linear layers through {@link LayerHook}s: the hook sees each layer's
 * input in the forward pass (for {@code A}) and the gradient at its output in the backward pass (for {@code G}).
 *
 * <p>Every backward pass starts from a chosen gradient {@code v} at the logits (the surrogate {@code sum v . logits}),
 * so one mechanism serves the three Fishers: {@code v = softmax - e_y} is the gradient of example {@code i}'s own
 * loss {@code -log softmax(logits)[y]} (empirical: {@code y} its label; sampled: {@code y} drawn from the softmax),
 * and for the exact Fisher one pass per class {@code c} with {@code v = sqrt(p_c) (e_c - p)} sums to
 * {@code E_y[g(y) g(y)^T]}, because {@code diag(p) - p p^T = sum_c p_c (e_c - p)(e_c - p)^T}. Inputs with extra axes
 * (sequences) count every position as a sample. Dropout is off while collecting.
 */
public final class FactorCollector {
    private final Layer model;
    private final Map<String, Linear> layers;
    private final FisherKind fisher;
    private final long seed;
    private int batchSize = 256;
    private IntConsumer progress = done -> { };

    public FactorCollector(Layer model, Map<String, Linear> layers, FisherKind fisher, long seed) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to collect factors for");
        }
        this.model = model;
        this.layers = new LinkedHashMap<>(layers);
        this.fisher = fisher;
        this.seed = seed;
    }

    /** Examples per forward pass (memory, not results: the sums are the same). */
    public FactorCollector batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + size);
        }
        this.batchSize = size;
        return this;
    }

    /** Called with the number of examples done after each batch. */
    public FactorCollector progress(IntConsumer listener) {
        this.progress = listener;
        return this;
    }

    /** The factors over {@code examples} of {@code task}'s data, normalised by the number of samples. */
    public KfacFactors collect(ClassificationTask task, int[] examples) {
        if (examples.length == 0) {
            throw new IllegalArgumentException("no examples to collect factors over");
        }
        Map<Linear, Accumulator> accumulators = new LinkedHashMap<>();
        for (Map.Entry<String, Linear> e : layers.entrySet()) {
            accumulators.put(e.getValue(), new Accumulator(e.getValue()));
        }
        boolean wasTraining = model.isTraining();
        model.train(false);
        for (Map.Entry<Linear, Accumulator> e : accumulators.entrySet()) {
            e.getKey().addHook(e.getValue());
        }
        Rng rng = new Rng(seed);
        try {
            for (int from = 0; from < examples.length; from += batchSize) {
                int[] batch = Arrays.copyOfRange(examples, from, Math.min(examples.length, from + batchSize));
                collectBatch(task, batch, accumulators.values(), rng);
                progress.accept(from + batch.length);
            }
        } finally {
            for (Map.Entry<Linear, Accumulator> e : accumulators.entrySet()) {
                e.getKey().removeHook(e.getValue());
            }
            model.zeroGrad();
            model.train(wasTraining);
        }
        List<LayerFactors> out = new ArrayList<>();
        for (Map.Entry<String, Linear> e : layers.entrySet()) {
            out.add(accumulators.get(e.getValue()).factors(e.getKey()));
        }
        return new KfacFactors(fisher, out);
    }

    private void collectBatch(ClassificationTask task, int[] batch, java.util.Collection<Accumulator> accs, Rng rng) {
        int[] labels = task.data().labels(batch);
        // The exact Fisher takes one pass per class, as many as the model has outputs (known after the first).
        int passes = 1;
        int[] sampled = null;
        for (int pass = 0; pass < passes; pass++) {
            for (Accumulator a : accs) {
                a.recordInputs = pass == 0;
            }
            Tensor logits = model.forward(task.inputs(batch));
            int classes = logits.dim(-1);
            passes = fisher == FisherKind.EXACT ? classes : 1;
            double[] p = softmaxRows(logits.value().toDoubles(), classes);
            int rows = p.length / classes;
            if (rows != batch.length) {
                throw new IllegalArgumentException("factor collection needs one row of logits per example; got "
                        + Arrays.toString(logits.shape()) + " for " + batch.length + " examples");
            }
            double[] v = new double[p.length];
            if (fisher == FisherKind.EXACT) {
                for (int r = 0; r < rows; r++) {
                    double scale = Math.sqrt(p[r * classes + pass]);
                    for (int c = 0; c < classes; c++) {
                        v[r * classes + c] = scale * ((c == pass ? 1.0 : 0.0) - p[r * classes + c]);
                    }
                }
            } else {
                if (fisher == FisherKind.SAMPLED) {
                    sampled = new int[rows];
                    for (int r = 0; r < rows; r++) {
                        sampled[r] = sample(p, r * classes, classes, rng);
                    }
                }
                for (int r = 0; r < rows; r++) {
                    int y = fisher == FisherKind.SAMPLED ? sampled[r] : labels[r];
                    for (int c = 0; c < classes; c++) {
                        v[r * classes + c] = p[r * classes + c] - (c == y ? 1.0 : 0.0);
                    }
                }
            }
            Algebra algebra = logits.value().algebra();
            logits.mul(Tensor.constant(NDArray.of(algebra, v, logits.shape()))).sum().backward();
            model.zeroGrad();
        }
    }

    private static int sample(double[] p, int offset, int classes, Rng rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (int c = 0; c < classes; c++) {
            cumulative += p[offset + c];
            if (u < cumulative) {
                return c;
            }
        }
        return classes - 1;
    }

    static double[] softmaxRows(double[] logits, int classes) {
        double[] p = new double[logits.length];
        for (int off = 0; off < logits.length; off += classes) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[off + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[off + c] = Math.exp(logits[off + c] - max);
                sum += p[off + c];
            }
            for (int c = 0; c < classes; c++) {
                p[off + c] /= sum;
            }
        }
        return p;
    }

    /** Sums {@code a a^T} and {@code g g^T} of one layer over every sample it sees. */
    private static final class Accumulator implements LayerHook {
        final Linear layer;
        final boolean bias;
        final int q;
        final int p;
        final double[] a;
        final double[] g;
        long inputSamples;
        long gradientSamples;
        boolean recordInputs = true;

        Accumulator(Linear layer) {
            this.layer = layer;
            this.bias = layer.bias() != null;
            this.q = layer.inFeatures() + (bias ? 1 : 0);
            this.p = layer.outFeatures();
            this.a = new double[q * q];
            this.g = new double[p * p];
        }

        @Override
        public void onForward(Layer l, NDArray input) {
            if (!recordInputs) {
                return;
            }
            NDArray x = input.to(Real64.INSTANCE).reshape(-1, layer.inFeatures());
            int rows = x.dim(0);
            if (bias) {
                x = NDArray.concat(1, x, NDArray.full(Real64.INSTANCE, 1.0, rows, 1));
            }
            addInto(a, x.matmul(x, true, false).toDoubles());
            inputSamples += rows;
        }

        @Override
        public void onBackward(Layer l, NDArray input, NDArray gradOutput) {
            NDArray d = gradOutput.to(Real64.INSTANCE).reshape(-1, p);
            addInto(g, d.matmul(d, true, false).toDoubles());
            if (recordInputs) {
                gradientSamples += d.dim(0);
            }
        }

        LayerFactors factors(String name) {
            if (inputSamples == 0 || inputSamples != gradientSamples) {
                throw new IllegalStateException("layer " + name + " saw " + inputSamples + " inputs and "
                        + gradientSamples + " output gradients");
            }
            double[] aa = a.clone();
            double[] gg = g.clone();
            for (int i = 0; i < aa.length; i++) {
                aa[i] /= inputSamples;
            }
            for (int i = 0; i < gg.length; i++) {
                gg[i] /= inputSamples;
            }
            return new LayerFactors(name, new SymmetricMatrix(q, aa), new SymmetricMatrix(p, gg), inputSamples);
        }

        private static void addInto(double[] acc, double[] x) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += x[i];
            }
        }
    }
}
