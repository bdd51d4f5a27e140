package org.lethe.unlearn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;
import org.lethe.train.TrainingStep;

/**
 * What an approximate deletion method works on, in memory: a trained classifier to edit in place, a frozen copy of
 * it as it was, the training examples split into the forget set and the retained rest, held-out examples of the
 * same distribution, the training settings the model was made with, the method's settings and a seed.
 *
 * <p>Every method reads its data and randomness from here and takes every optimiser step through {@link #step},
 * so methods differ only in the losses they build and the weights they touch, and two runs with the same seed agree
 * bit for bit. The command line, audits and the leaderboard build problems the same way ({@link #of}).
 *
 * <p>The held-out examples are split once, by a seed of their own, into a <em>validation</em> half that methods
 * and tuning may read (a distillation set, a loss target) and an <em>evaluation</em> half that only the scoring
 * reads, so no method is judged on examples it saw.
 */
public final class ForgetProblem {
    /** Seed of the validation/evaluation split of the held-out examples; fixed so every method sees the same one. */
    static final long HELD_OUT_SPLIT_SEED = 0x5EED_0FF5L;

    private final Layer model;
    private final Algebra algebra;
    private final Module originalWeights;
    private final ModelSpec spec;
    private final TrainConfig config;
    private final Dataset train;
    private final int[] forget;
    private final int[] retain;
    private final Dataset heldOut;
    private final int[] validation;
    private final int[] evaluation;
    private final long seed;
    private final MethodSettings settings;
    private final ClassificationTask trainTask;
    private final ClassificationTask heldOutTask;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private Layer original;
    private int stepsTaken;

    private ForgetProblem(Layer model, ModelSpec spec, TrainConfig config, Dataset train, int[] forget,
                          Dataset heldOut, long seed, MethodSettings settings) {
        this.model = model;
        this.algebra = ModelSpec.algebra(config.algebra);
        this.spec = spec;
        this.config = config;
        this.train = train;
        this.forget = forget.clone();
        this.retain = complement(forget, train.size());
        this.heldOut = heldOut;
        int[] order = new Rng(HELD_OUT_SPLIT_SEED).permutation(heldOut.size());
        int half = heldOut.size() / 2;
        this.validation = sorted(Arrays.copyOfRange(order, 0, half));
        this.evaluation = sorted(Arrays.copyOfRange(order, half, order.length));
        this.seed = seed;
        this.settings = settings;
        this.trainTask = new ClassificationTask(train, spec.inputShape(), algebra);
        this.heldOutTask = new ClassificationTask(heldOut, spec.inputShape(), algebra);
        // The original's weights are copied before any edit; a model is built around them only when asked.
        this.originalWeights = spec.build(algebra, 0);
        originalWeights.loadFrom(model);
    }

    /**
     * A problem over {@code model}, which the method will edit in place.
     *
     * @param model    the trained classifier (its current weights are the original's)
     * @param spec     its architecture, for fresh initialisations and teacher copies
     * @param config   the settings it was trained with (optimiser, learning rate, batch size)
     * @param train    its training examples, the forget set included
     * @param forget   indices into {@code train} of the examples to forget, at least one
     * @param heldOut  examples it never trained on, of the same distribution
     * @param seed     the seed of every random choice the method makes
     * @param settings the method's settings
     */
    public static ForgetProblem of(Layer model, ModelSpec spec, TrainConfig config, Dataset train, int[] forget,
                                   Dataset heldOut, long seed, MethodSettings settings) {
        Objects.requireNonNull(model, "model");
        if (forget.length == 0) {
            throw new IllegalArgumentException("the forget set is empty");
        }
        for (int i : forget) {
            if (i < 0 || i >= train.size()) {
                throw new IllegalArgumentException("forget index " + i + " outside the " + train.size()
                        + " training examples");
            }
        }
        if (heldOut.size() < 2) {
            throw new IllegalArgumentException("approximate deletion needs held-out examples (got "
                    + heldOut.size() + ")");
        }
        return new ForgetProblem(model, spec, config, train, sorted(forget.clone()), heldOut, seed, settings);
    }

    /** The classifier being edited. */
    public Layer model() {
        return model;
    }

    /** A frozen copy of the classifier as it was before the method touched it (built on first use). */
    public Layer original() {
        if (original == null) {
            Module copy = spec.build(algebra, 0);
            copy.loadFrom(originalWeights);
            copy.freeze();
            copy.train(false);
            original = (Layer) copy;
        }
        return original;
    }

    /** A classifier of the same architecture, freshly initialised from a seed derived from this problem's. */
    public Layer freshModel(long stream) {
        return (Layer) spec.build(algebra, Rng.derive(seed, 0xF4E5L + stream));
    }

    /** The architecture. */
    public ModelSpec spec() {
        return spec;
    }

    /** The settings the model was trained with. */
    public TrainConfig config() {
        return config;
    }

    /**
     * The number of optimiser steps the original training took (its configured steps, or its epochs over the
     * training examples): the yardstick for methods whose length is a fraction of a training run.
     */
    public int originalSteps() {
        if (config.steps > 0) {
            return config.steps;
        }
        int perEpoch = (train.size() + config.batchSize - 1) / config.batchSize;
        return Math.max(1, config.epochs * perEpoch);
    }

    /** {@code fraction} of the original training's steps, at least one. */
    public int stepsFor(double fraction) {
        if (!(fraction > 0) || Double.isInfinite(fraction)) {
            throw new IllegalArgumentException("a fraction of the training steps must be finite and > 0, got "
                    + fraction);
        }
        return Math.max(1, (int) Math.round(fraction * originalSteps()));
    }

    /** The method's settings. */
    public MethodSettings settings() {
        return settings;
    }

    /** The seed of this run of the method. */
    public long seed() {
        return seed;
    }

    /** A random stream of this run, independent for each {@code stream} number. */
    public Rng rng(long stream) {
        return new Rng(Rng.derive(seed, stream));
    }

    /** The training examples, forget set included. */
    public Dataset train() {
        return train;
    }

    /** Indices into {@link #train} of the examples to forget, ascending. */
    public int[] forget() {
        return forget.clone();
    }

    /** Indices into {@link #train} of the retained examples, ascending. */
    public int[] retain() {
        return retain.clone();
    }

    /** The held-out examples (both halves). */
    public Dataset heldOut() {
        return heldOut;
    }

    /** Indices into {@link #heldOut} that methods and tuning may use. */
    public int[] validation() {
        return validation.clone();
    }

    /** Indices into {@link #heldOut} reserved for scoring; methods must not read them. */
    public int[] evaluation() {
        return evaluation.clone();
    }

    /** Losses and inputs over the training examples. */
    public ClassificationTask trainTask() {
        return trainTask;
    }

    /** Losses and inputs over the held-out examples. */
    public ClassificationTask heldOutTask() {
        return heldOutTask;
    }

    /** The algebra the model computes in. */
    public Algebra algebra() {
        return algebra;
    }

    /** The number of classes. */
    public int classCount() {
        return train.classCount();
    }

    /** An optimiser of the kind the model was trained with, over the model's trainable parameters. */
    public Optimizer optimizer() {
        return config.buildOptimizer(((Module) model).trainableParameters());
    }

    /** One training step with a fresh optimiser of the model's kind ({@link #optimizer}). */
    public TrainingStep stepper() {
        return TrainingStep.of((Module) model, optimizer());
    }

    /**
     * Takes one optimiser step on the loss {@code loss} builds, at rate {@code learningRate}. Steps are numbered
     * across the whole run, so each reseeds the model's randomness (dropout) from this problem's seed and its own
     * number, whatever phase of the method it belongs to. A loss that is not finite means the method has diverged:
     * it is stopped here, with a {@link MethodDivergedException} naming the step, rather than left to write NaN
     * weights.
     */
    public double step(TrainingStep stepper, double learningRate, Supplier<Tensor> loss) {
        ((Module) model).train(true);
        double value;
        try {
            value = stepper.run(loss, learningRate, seed, stepsTaken++).item();
        } finally {
            ((Module) model).train(false);
        }
        if (!Double.isFinite(value)) {
            throw new MethodDivergedException("the loss of optimiser step " + stepsTaken + " is " + value
                    + " (rate " + learningRate + "); lower the method's learning_rate");
        }
        return value;
    }

    /** Optimiser steps taken so far. */
    public int stepsTaken() {
        return stepsTaken;
    }

    /** An endless, seeded stream of batches of {@code batchSize} examples drawn from {@code pool}, epoch by epoch. */
    public Batches batches(int[] pool, int batchSize, long stream) {
        return new Batches(pool, batchSize, Rng.derive(seed, 0xBA7CL + stream));
    }

    /** The model's logits for {@code examples} of {@code task}, in evaluation mode, without recording. */
    public NDArray logits(Layer which, ClassificationTask task, int[] examples) {
        return task.logits(which, examples);
    }

    /** Accuracy of {@code which} on {@code examples} of {@code task}. */
    public double accuracy(Layer which, ClassificationTask task, int[] examples) {
        return accuracy(which, task, examples, Double.NEGATIVE_INFINITY);
    }

    /**
     * Accuracy of {@code which} on {@code examples} of {@code task}, or, as soon as it is sure to end below
     * {@code floor}, the most it could still reach (a value below {@code floor}): a search for edits that keep an
     * accuracy floor need not measure the rest of the examples of an edit that has already failed.
     */
    public double accuracy(Layer which, ClassificationTask task, int[] examples, double floor) {
        if (examples.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        int chunk = 512;
        for (int from = 0; from < examples.length; from += chunk) {
            double reachable = (correct + (examples.length - from)) / (double) examples.length;
            if (reachable < floor) {
                return reachable;
            }
            correct += task.correct(which, Arrays.copyOfRange(examples, from, Math.min(examples.length, from + chunk)));
        }
        return correct / (double) examples.length;
    }

    /** Records a figure for the deletion record (what the method did: steps, masked fraction, ...). */
    public void note(String name, Object value) {
        figures.put(name, value);
    }

    /** The figures noted so far, in order. */
    public Map<String, Object> figures() {
        Map<String, Object> out = new LinkedHashMap<>(figures);
        out.put("optimizer_steps", stepsTaken);
        return out;
    }

    private static int[] complement(int[] sortedSubset, int n) {
        int[] out = new int[n - sortedSubset.length];
        int k = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (j < sortedSubset.length && sortedSubset[j] == i) {
                j++;
            } else {
                out[k++] = i;
            }
        }
        return out;
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) {
                throw new IllegalArgumentException("index " + a[i] + " given twice");
            }
        }
        return a;
    }

    /** Batches drawn from a pool of example indices: each epoch a fresh seeded shuffle, the last batch shorter. */
    public static final class Batches {
        private final int[] pool;
        private final int batchSize;
        private final long seed;
        private int[] order;
        private int position;
        private int epoch;

        Batches(int[] pool, int batchSize, long seed) {
            if (pool.length == 0) {
                throw new IllegalArgumentException("no examples to draw batches from");
            }
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
            }
            this.pool = pool.clone();
            this.batchSize = batchSize;
            this.seed = seed;
            this.order = shuffled(0);
        }

        /** The next batch. */
        public int[] next() {
            if (position >= order.length) {
                order = shuffled(++epoch);
                position = 0;
            }
            int n = Math.min(batchSize, order.length - position);
            int[] batch = Arrays.copyOfRange(order, position, position + n);
            position += n;
            return batch;
        }

        /** Batches per pass over the pool. */
        public int perEpoch() {
            return (pool.length + batchSize - 1) / batchSize;
        }

        private int[] shuffled(int e) {
            int[] p = new Rng(Rng.derive(seed, e)).permutation(pool.length);
            int[] out = new int[pool.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = pool[p[i]];
            }
            return out;
        }
    }
}
