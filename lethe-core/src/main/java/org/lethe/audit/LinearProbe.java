package org.lethe.audit;

import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.optim.Adam;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.lethe.train.TrainingStep;

/**
 * A multinomial logistic-regression probe on fixed features: can a linear read-out recover the labels from a
 * model's representation? Features are standardised with the training set's mean and deviation (constant
 * features are left unscaled), then weights and biases start at zero and are fitted by full-batch Adam on the
 * mean cross-entropy plus {@code l2/2 * |W|^2}, all in {@code f64}. The objective is convex and the start fixed, so
 * the only randomness is which training examples are used when there are more than {@link Options#maxExamples}.
 */
public final class LinearProbe {
    /** Fitting settings; the defaults suit a few thousand examples of a few hundred features. */
    public static final class Options {
        /** Full-batch optimiser steps. */
        public int iterations = 300;
        /** Adam's learning rate. */
        public double learningRate = 0.05;
        /** Weight of the {@code |W|^2 / 2} penalty (keeps separable problems bounded). */
        public double l2 = 1e-4;
        /** Fit on at most this many examples, drawn with {@link #seed} when there are more. */
        public int maxExamples = 2000;
        /** Seeds the subsample. */
        public long seed = 0;

        /** A copy. */
        public Options copy() {
            Options c = new Options();
            c.iterations = iterations;
            c.learningRate = learningRate;
            c.l2 = l2;
            c.maxExamples = maxExamples;
            c.seed = seed;
            return c;
        }

        /** Checks ranges; the message names the field. */
        public Options validate() {
            if (iterations < 1 || !(learningRate > 0) || !(l2 >= 0) || maxExamples < 1) {
                throw new IllegalArgumentException("probe options need iterations >= 1, learningRate > 0, l2 >= 0 and"
                        + " maxExamples >= 1, got " + iterations + ", " + learningRate + ", " + l2 + ", " + maxExamples);
            }
            return this;
        }
    }

    private final NDArray mean;
    private final NDArray scale;
    private final NDArray weight;
    private final NDArray bias;
    private final int classes;
    private double trainAccuracy = Double.NaN;

    private LinearProbe(NDArray mean, NDArray scale, NDArray weight, NDArray bias, int classes) {
        this.mean = mean;
        this.scale = scale;
        this.weight = weight;
        this.bias = bias;
        this.classes = classes;
    }

    /**
     * Fits a probe to {@code features} ({@code [n, width]}) and labels in {@code 0 .. classes-1}.
     */
    public static LinearProbe fit(NDArray features, int[] labels, int classes, Options options) {
        options.validate();
        if (features.rank() != 2 || features.dim(0) != labels.length) {
            throw new IllegalArgumentException("probe needs [n, width] features with one label per row, got "
                    + java.util.Arrays.toString(features.shape()) + " and " + labels.length + " labels");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("probe needs at least one training example");
        }
        for (int y : labels) {
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("probe label " + y + " outside 0.." + (classes - 1));
            }
        }
        int[] rows = subsample(labels.length, options.maxExamples, options.seed);
        NDArray x = rowsOf(features.to(Real64.INSTANCE), rows);
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labels[rows[i]];
        }
        int width = x.dim(1);
        NDArray mean = x.sum(0, true).mul(1.0 / rows.length);
        NDArray centred = x.sub(mean);
        double[] variance = centred.mul(centred).sum(0, true).mul(1.0 / rows.length).toDoubles();
        double[] inverse = new double[width];
        for (int j = 0; j < width; j++) {
            inverse[j] = variance[j] > 1e-12 ? 1.0 / Math.sqrt(variance[j]) : 1.0;
        }
        NDArray scale = NDArray.of(Real64.INSTANCE, inverse, 1, width);
        Tensor input = Tensor.constant(centred.mul(scale));
        Tensor w = Tensor.parameter(NDArray.zeros(Real64.INSTANCE, width, classes));
        Tensor b = Tensor.parameter(NDArray.zeros(Real64.INSTANCE, classes));
        TrainingStep step = TrainingStep.withoutModel(Adam.adam(java.util.List.of(w, b), options.learningRate));
        for (int it = 0; it < options.iterations; it++) {
            step.run(() -> {
                Tensor loss = Functional.crossEntropy(input.matmul(w).add(b), y);
                return options.l2 > 0 ? loss.add(w.mul(w).sum().mul(options.l2 / 2)) : loss;
            }, options.learningRate, options.seed, it);
        }
        LinearProbe probe = new LinearProbe(mean, scale, w.value(), b.value(), classes);
        probe.trainAccuracy = probe.accuracy(x, y);
        return probe;
    }

    /** The predicted class of every row of {@code features}. */
    public int[] predict(NDArray features) {
        return logits(features).argmax(1);
    }

    /** Logits {@code [n, classes]} of {@code features}. */
    public NDArray logits(NDArray features) {
        if (features.rank() != 2 || features.dim(1) != weight.dim(0)) {
            throw new IllegalArgumentException("probe fitted on width " + weight.dim(0) + " got features of shape "
                    + java.util.Arrays.toString(features.shape()));
        }
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return features.to(Real64.INSTANCE).sub(mean).mul(scale).matmul(weight).add(bias);
        }
    }

    /** Fraction of rows whose predicted class is the label; NaN for no rows. */
    public double accuracy(NDArray features, int[] labels) {
        if (features.dim(0) != labels.length) {
            throw new IllegalArgumentException(features.dim(0) + " feature rows for " + labels.length + " labels");
        }
        if (labels.length == 0) {
            return Double.NaN;
        }
        int[] predicted = predict(features);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return correct / (double) labels.length;
    }

    /** Accuracy on the examples the probe was fitted on. */
    public double trainAccuracy() {
        return trainAccuracy;
    }

    public int classes() {
        return classes;
    }

    private static int[] subsample(int n, int max, long seed) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] chosen = java.util.Arrays.copyOf(new Rng(seed).permutation(n), max);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    /** Rows {@code rows} of a {@code [n, width]} array. */
    static NDArray rowsOf(NDArray x, int[] rows) {
        if (rows.length == x.dim(0)) {
            boolean identity = true;
            for (int i = 0; i < rows.length && identity; i++) {
                identity = rows[i] == i;
            }
            if (identity) {
                return x;
            }
        }
        int width = x.dim(1);
        int[] map = new int[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                map[i * width + j] = rows[i] * width + j;
            }
        }
        return x.gather(map, new int[] {rows.length, width});
    }
}
