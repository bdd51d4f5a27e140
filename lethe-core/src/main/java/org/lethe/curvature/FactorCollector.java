package org.lethe.curvature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.lethe.autograd.Tensor;
import org.lethe.nn.HookedLayer;
import org.lethe.nn.Layer;
import org.lethe.nn.LayerHook;
import org.lethe.nn.Gpt;
import org.lethe.nn.Module;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Blas;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;
import org.lethe.train.LanguageModelTask;

/**
 * Collects K-FAC factors of a model's linear and convolutional layers through {@link LayerHook}s: the hook sees
 * each layer's input in the forward pass (for {@code A}) and the gradient at its output in the backward pass (for
 * {@code G}); {@link KfacLayer} turns them into rows (for a convolution: im2col patches and per-position gradients,
 * the KFC factors of Grosse and Martens).
 *
 * <p>Every backward pass starts from a chosen gradient {@code v} at the logits (the surrogate {@code sum v . logits}),
 * so one mechanism serves the three Fishers: {@code v = softmax - e_y} is the gradient of example {@code i}'s own
 * loss {@code -log softmax(logits)[y]} (empirical: {@code y} its label; sampled: {@code y} drawn from the softmax),
 * and for the exact Fisher one pass per class {@code c} with {@code v = sqrt(p_c) (e_c - p)} sums to
 * {@code E_y[g(y) g(y)^T]}, because {@code diag(p) - p p^T = sum_c p_c (e_c - p)(e_c - p)^T}. Inputs with extra axes
 * (sequences) count every position as a sample; for a {@link Gpt} each position's label is the next character.
 * Dropout is off while collecting.
 */
public final class FactorCollector {
    private final Module model;
    private final Map<String, KfacLayer> layers;
    private final FisherKind fisher;
    private final long seed;
    private int batchSize = 256;
    private IntConsumer progress = done -> { };

    /** A collector of the factors of {@code layers} (linear or convolutional, by name) of {@code model}. */
    public FactorCollector(Module model, Map<String, ? extends HookedLayer> layers, FisherKind fisher, long seed) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to collect factors for");
        }
        this.model = model;
        this.layers = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends HookedLayer> e : layers.entrySet()) {
            this.layers.put(e.getKey(), KfacLayer.of(e.getValue()));
        }
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
        return collect(examples, (batch, accs, rng) -> collectBatch(() -> ((Layer) model).forward(task.inputs(batch)),
                task.data().labels(batch), accs, rng));
    }

    /**
     * The factors of a {@link Gpt} over the documents {@code documents} of {@code task}: every predicted position of
     * every document is one sample (its label the next character). Documents are grouped by length so that a forward
     * pass never holds padding, which would otherwise enter {@code A} and {@code G} as samples.
     */
    public KfacFactors collect(LanguageModelTask task, int[] documents) {
        Gpt gpt = (Gpt) model;
        int context = gpt.config().contextLength();
        Map<Integer, List<int[]>> byLength = new TreeMap<>();
        for (int d : documents) {
            int[] seq = task.sequence(d);
            int n = Math.min(context, seq.length - 1);
            byLength.computeIfAbsent(n, k -> new ArrayList<>()).add(Arrays.copyOf(seq, n + 1));
        }
        List<int[][]> groups = new ArrayList<>();
        for (List<int[]> same : byLength.values()) {
            groups.add(same.toArray(new int[0][]));
        }
        // The examples array below only carries positions into the groups; batches never mix lengths.
        int[] order = new int[documents.length];
        int[] groupOf = new int[documents.length];
        int[] indexIn = new int[documents.length];
        int k = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (int i = 0; i < groups.get(g).length; i++) {
                order[k] = k;
                groupOf[k] = g;
                indexIn[k] = i;
                k++;
            }
        }
        return collect(order, (batch, accs, rng) -> {
            // Split the batch at group boundaries.
            int from = 0;
            while (from < batch.length) {
                int g = groupOf[batch[from]];
                int to = from;
                while (to < batch.length && groupOf[batch[to]] == g) {
                    to++;
                }
                int[][] seqs = groups.get(g);
                int time = seqs[indexIn[batch[from]]].length - 1;
                int rows = to - from;
                int[] tokens = new int[rows * time];
                int[] targets = new int[rows * time];
                for (int r = 0; r < rows; r++) {
                    int[] seq = seqs[indexIn[batch[from + r]]];
                    System.arraycopy(seq, 0, tokens, r * time, time);
                    System.arraycopy(seq, 1, targets, r * time, time);
                }
                collectBatch(() -> gpt.forward(tokens, rows, time), targets, accs, rng);
                from = to;
            }
        });
    }

    /** One batch of examples fed to the accumulators. */
    private interface BatchCollector {
        void collect(int[] batch, java.util.Collection<Accumulator> accs, Rng rng);
    }

    private KfacFactors collect(int[] examples, BatchCollector collector) {
        if (examples.length == 0) {
            throw new IllegalArgumentException("no examples to collect factors over");
        }
        Map<String, Accumulator> accumulators = new LinkedHashMap<>();
        for (Map.Entry<String, KfacLayer> e : layers.entrySet()) {
            accumulators.put(e.getKey(), new Accumulator(e.getValue()));
        }
        boolean wasTraining = model.isTraining();
        model.train(false);
        for (Accumulator a : accumulators.values()) {
            a.layer.module().addHook(a);
        }
        Rng rng = new Rng(seed);
        try {
            for (int from = 0; from < examples.length; from += batchSize) {
                int[] batch = Arrays.copyOfRange(examples, from, Math.min(examples.length, from + batchSize));
                collector.collect(batch, accumulators.values(), rng);
                progress.accept(from + batch.length);
            }
        } finally {
            for (Accumulator a : accumulators.values()) {
                a.layer.module().removeHook(a);
            }
            model.zeroGrad();
            model.train(wasTraining);
        }
        List<LayerFactors> out = new ArrayList<>();
        for (Map.Entry<String, Accumulator> e : accumulators.entrySet()) {
            out.add(e.getValue().factors(e.getKey()));
        }
        return new KfacFactors(fisher, out);
    }

    /**
     * Backward passes from one forward pass's logits, one row of {@code labels} per row of logits. The graph of the
     * forward pass is kept, so the exact Fisher's one pass per class reuses it rather than repeating the forward pass.
     */
    private void collectBatch(Supplier<Tensor> forward, int[] labels, java.util.Collection<Accumulator> accs, Rng rng) {
        for (Accumulator a : accs) {
            a.recordInputs = true;
        }
        Tensor logits = forward.get();
        int classes = logits.dim(-1);
        double[] p = softmaxRows(logits.value().toDoubles(), classes);
        int rows = p.length / classes;
        if (rows != labels.length) {
            throw new IllegalArgumentException("factor collection needs one row of logits per label; got "
                    + Arrays.toString(logits.shape()) + " for " + labels.length + " labels");
        }
        int passes = fisher == FisherKind.EXACT ? classes : 1;
        int[] targets = labels;
        if (fisher == FisherKind.SAMPLED) {
            targets = new int[rows];
            for (int r = 0; r < rows; r++) {
                targets[r] = sample(p, r * classes, classes, rng);
            }
        }
        Algebra algebra = logits.value().algebra();
        for (int pass = 0; pass < passes; pass++) {
            // Samples are counted once per forward pass, on its first backward pass.
            for (Accumulator a : accs) {
                a.recordInputs = pass == 0;
            }
            double[] v = new double[p.length];
            for (int r = 0; r < rows; r++) {
                if (fisher == FisherKind.EXACT) {
                    double scale = Math.sqrt(p[r * classes + pass]);
                    for (int c = 0; c < classes; c++) {
                        v[r * classes + c] = scale * ((c == pass ? 1.0 : 0.0) - p[r * classes + c]);
                    }
                } else {
                    for (int c = 0; c < classes; c++) {
                        v[r * classes + c] = p[r * classes + c] - (c == targets[r] ? 1.0 : 0.0);
                    }
                }
            }
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

    /**
     * Sums {@code a a^T} over every input row and {@code g g^T} over every output-gradient row of one layer. The sums
     * are divided by the number of input rows ({@code A}) and of samples ({@code G}): the same for a linear layer,
     * while a convolution has one row per output position and one sample per image, which averages {@code A} over
     * patches and sums {@code G} over the positions of an image (KFC).
     */
    private static final class Accumulator implements LayerHook {
        final KfacLayer layer;
        final int q;
        final int p;
        final double[] a;
        final double[] g;
        long inputRows;
        long inputSamples;
        long gradientSamples;
        boolean recordInputs = true;

        Accumulator(KfacLayer layer) {
            this.layer = layer;
            this.q = layer.inputSize();
            this.p = layer.outputSize();
            this.a = new double[q * q];
            this.g = new double[p * p];
        }

        @Override
        public void onForward(Layer l, NDArray input) {
            if (!recordInputs) {
                return;
            }
            NDArray x = layer.inputRows(input);
            Blas.gramUpperAccumulate(x.toDoubles(), x.dim(0), q, a);
            inputRows += x.dim(0);
            inputSamples += layer.samples(input);
        }

        @Override
        public void onBackward(Layer l, NDArray input, NDArray gradOutput) {
            NDArray d = layer.gradientRows(gradOutput);
            Blas.gramUpperAccumulate(d.toDoubles(), d.dim(0), p, g);
            if (recordInputs) {
                gradientSamples += layer.samples(gradOutput);
            }
        }

        LayerFactors factors(String name) {
            if (inputSamples == 0 || inputSamples != gradientSamples) {
                throw new IllegalStateException("layer " + name + " saw " + inputSamples + " inputs and "
                        + gradientSamples + " output gradients");
            }
            return new LayerFactors(name, new SymmetricMatrix(q, symmetricMean(a, q, inputRows)),
                    new SymmetricMatrix(p, symmetricMean(g, p, inputSamples)), inputSamples);
        }

        /** The full symmetric matrix of an upper-triangle sum, divided by {@code count}. */
        private static double[] symmetricMean(double[] upper, int n, long count) {
            double[] out = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double v = upper[i * n + j] / count;
                    out[i * n + j] = v;
                    out[j * n + i] = v;
                }
            }
            return out;
        }
    }
}
