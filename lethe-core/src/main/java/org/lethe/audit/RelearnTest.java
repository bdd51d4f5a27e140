package org.lethe.audit;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.optim.Optimizer;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;
import org.lethe.train.TrainConfig;
import org.lethe.train.TrainingStep;

/**
 * The relearning test of suppression versus erasure: fine-tune a model on a small slice of the forgotten data
 * and count optimiser steps until its accuracy on the forget set reaches a target. A model that merely
 * suppressed what it knew recovers in a few steps; one that never learnt it (the retrained reference) needs
 * many more.
 *
 * <p>The slice is {@link Options#forgetExamples} forgotten examples drawn with the seed, optionally mixed with
 * {@link Options#retainExamples} retained ones (without them, fine-tuning on examples of one class makes any
 * model predict that class everywhere, which "recovers" a class deletion trivially). Each pass shuffles the
 * slice with a seeded generator and takes batches of {@link Options#batchSize}; the model is in training mode
 * with its randomness reseeded per step. Forget accuracy is measured after every step on up to
 * {@link Options#maxEvaluationExamples} forgotten examples (a seeded subsample, the slice included). The model's
 * weights and training flag are restored afterwards, so the test leaves its function unchanged (its dropout streams
 * stay reseeded, as after any training step).
 */
public final class RelearnTest {
    /** The default target: this fraction of the original model's forget accuracy. */
    public static final double DEFAULT_TARGET_FRACTION = 0.9;

    /** Relearning settings. */
    public static final class Options {
        /** Forgotten examples in the relearning slice. */
        public int forgetExamples = 32;
        /** Retained examples mixed into the slice. */
        public int retainExamples = 0;
        public int batchSize = 8;
        /** Stop after this many steps if the target is not reached. */
        public int maxSteps = 500;
        /** Forget accuracy to reach. */
        public double target = 0.9;
        /** Measure forget accuracy on at most this many forgotten examples. */
        public int maxEvaluationExamples = 500;
        public long seed = 0;
        /** Builds the optimiser over the trainable parameters (default: plain SGD with rate 0.01). */
        public Function<List<Tensor>, Optimizer> optimizer = params -> new Sgd(params, 0.01, 0.0);

        /** Plain SGD (no momentum) with rate {@code lr}. */
        public Options sgd(double lr) {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("relearning rate must be positive, got " + lr);
            }
            this.optimizer = params -> new Sgd(params, lr, 0.0);
            return this;
        }

        /** A run's optimiser, fresh, at the configuration's base rate (no schedule). */
        public Options optimizerOf(TrainConfig config) {
            TrainConfig c = config.copy();
            this.optimizer = c::buildOptimizer;
            return this;
        }

        /** Checks ranges; the message names the field. */
        public Options validate() {
            if (forgetExamples < 1 || retainExamples < 0 || batchSize < 1 || maxSteps < 0 || maxEvaluationExamples < 1) {
                throw new IllegalArgumentException("relearn options need forgetExamples >= 1, retainExamples >= 0, "
                        + "batchSize >= 1, maxSteps >= 0 and maxEvaluationExamples >= 1, got " + forgetExamples + ", "
                        + retainExamples + ", " + batchSize + ", " + maxSteps + ", " + maxEvaluationExamples);
            }
            if (!(target >= 0 && target <= 1)) {
                throw new IllegalArgumentException("relearn target accuracy must be in [0, 1], got " + target);
            }
            return this;
        }
    }

    private RelearnTest() {
    }

    /** Relearns {@code model} (left unchanged afterwards) on a slice of {@code data.forget}. */
    public static RelearnResult run(Layer model, ErasureTestData data, Options options) {
        options.validate();
        Algebra algebra = algebraOf(model);
        Dataset slice = slice(data, options);
        ClassificationTask train = new ClassificationTask(slice, data.inputShape, algebra);
        Dataset evaluation = data.forget.select(subsample(data.forget.size(), options.maxEvaluationExamples,
                Rng.derive(options.seed, 2)));
        ClassificationTask eval = new ClassificationTask(evaluation, data.inputShape, algebra);
        int[] evalRows = range(evaluation.size());

        Map<String, Tensor> params = model.namedParameters();
        NDArray[] saved = new NDArray[params.size()];
        int k = 0;
        for (Tensor p : params.values()) {
            saved[k++] = p.value().copy();
        }
        boolean wasTraining = model.isTraining();
        double[] curve = new double[options.maxSteps + 1];
        try {
            Optimizer optimizer = options.optimizer.apply(model.trainableParameters());
            TrainingStep trainingStep = TrainingStep.of(model, optimizer);
            curve[0] = eval.accuracy(model, evalRows);
            int step = 0;
            int epoch = 0;
            while (curve[step] < options.target && step < options.maxSteps) {
                int[] order = new Rng(Rng.derive(options.seed, 1000 + epoch++)).permutation(slice.size());
                for (int s = 0; s < order.length && curve[step] < options.target && step < options.maxSteps;
                        s += options.batchSize) {
                    int[] batch = java.util.Arrays.copyOfRange(order, s, Math.min(order.length, s + options.batchSize));
                    model.train(true);
                    trainingStep.run(train, batch, optimizer.learningRate(), options.seed, step);
                    step++;
                    curve[step] = eval.accuracy(model, evalRows);
                }
            }
            return new RelearnResult(step, curve[step] >= options.target, options.target,
                    java.util.Arrays.copyOf(curve, step + 1));
        } finally {
            k = 0;
            for (Tensor p : params.values()) {
                p.value().assign(saved[k++]);
                p.setGrad(null);
            }
            model.train(wasTraining);
        }
    }

    /** Accuracy of {@code model} on the forget set (or its seeded subsample of {@code maxEvaluationExamples}). */
    public static double forgetAccuracy(Layer model, ErasureTestData data, Options options) {
        Dataset evaluation = data.forget.select(subsample(data.forget.size(), options.maxEvaluationExamples,
                Rng.derive(options.seed, 2)));
        ClassificationTask eval = new ClassificationTask(evaluation, data.inputShape, algebraOf(model));
        return eval.accuracy(model, range(evaluation.size()));
    }

    /** The relearning slice: seeded forgotten examples, then seeded retained ones. */
    private static Dataset slice(ErasureTestData data, Options options) {
        int[] f = subsample(data.forget.size(), options.forgetExamples, Rng.derive(options.seed, 0));
        int[] r = subsample(data.retain.size(), options.retainExamples, Rng.derive(options.seed, 1));
        int width = data.forget.featureCount();
        float[] features = new float[(f.length + r.length) * width];
        int[] labels = new int[f.length + r.length];
        String[] ids = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Dataset from = i < f.length ? data.forget : data.retain;
            int row = i < f.length ? f[i] : r[i - f.length];
            System.arraycopy(from.features(row), 0, features, i * width, width);
            labels[i] = from.label(row);
            ids[i] = from.id(row);
        }
        return Dataset.of(data.forget.name() + "-relearn", features, width, labels, ids, null, null);
    }

    /** Up to {@code max} of {@code 0 .. n-1}, drawn with {@code seed}, ascending. */
    private static int[] subsample(int n, int max, long seed) {
        if (n <= max) {
            return range(n);
        }
        int[] chosen = java.util.Arrays.copyOf(new Rng(seed).permutation(n), max);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static Algebra algebraOf(Layer model) {
        for (Tensor p : model.namedParameters().values()) {
            return p.algebra();
        }
        throw new IllegalArgumentException(model.getClass().getSimpleName() + " has no parameters to relearn");
    }
}
