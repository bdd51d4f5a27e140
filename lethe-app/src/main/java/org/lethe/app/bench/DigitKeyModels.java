package org.lethe.app.bench;

import java.io.IOException;
import org.lethe.data.Dataset;
import org.lethe.data.ImageDatasets;
import org.lethe.data.ImageSet;
import org.lethe.nn.Layer;
import org.lethe.tensor.Real32;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;
import org.lethe.weights.KeyTraining;
import org.lethe.weights.TaskVector;
import org.lethe.weights.WeightSet;

/**
 * The models experiments 2 and 3 of {@code lethe bench algebra} share for one seed, on the bundled digits (8,000
 * to train, 1,000 to choose coefficients, 1,000 to test): a base initialisation {@code theta_0}; from it, M
 * trained on all digits, the key {@code S_lo} trained on 0-4 and {@code S_hi} trained on 5-9 (which is also the
 * gold model: retrained on 5-9 only); and from an independent initialisation {@code theta_0'}, a model trained on
 * 0-4 (the negative control). Every model trains through the one training loop with the same settings.
 */
final class DigitKeyModels {
    static final int[] LOW = {0, 1, 2, 3, 4};
    static final int[] HIGH = {5, 6, 7, 8, 9};

    final long seed;
    final ModelSpec spec;
    final Dataset train;
    final Dataset validation;
    final Dataset test;
    final WeightSet theta0;
    final WeightSet independentInit;
    final Layer all;
    final Layer low;
    final Layer high;
    final Layer independentLow;
    final double retrainHighSeconds;
    final TrainConfig config;

    private DigitKeyModels(long seed, ModelSpec spec, Dataset train, Dataset validation, Dataset test,
                           WeightSet theta0, WeightSet independentInit, Layer all, Layer low, Layer high,
                           Layer independentLow, double retrainHighSeconds, TrainConfig config) {
        this.seed = seed;
        this.spec = spec;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.theta0 = theta0;
        this.independentInit = independentInit;
        this.all = all;
        this.low = low;
        this.high = high;
        this.independentLow = independentLow;
        this.retrainHighSeconds = retrainHighSeconds;
        this.config = config;
    }

    static DigitKeyModels train(AlgebraBenchmark.Settings s, long seed) throws IOException {
        ImageSet digits = ImageSet.bundledDigits();
        Dataset train = ImageDatasets.fromImageSet(digits.range(0, s.digitsTrain));
        Dataset validation = ImageDatasets.fromImageSet(digits.range(8000, 9000));
        Dataset test = ImageDatasets.fromImageSet(digits.range(9000, 10000));
        ModelSpec spec = ModelSpec.mlp(s.digitsWidths);
        TrainConfig config = config(s, seed);
        WeightSet theta0 = WeightSet.of(spec.build(Real32.INSTANCE, seed));
        WeightSet other = WeightSet.of(spec.build(Real32.INSTANCE, seed + 1_000));
        Layer all = KeyTraining.train(spec, theta0, train, RebasinExperiment.range(0, train.size()), config);
        Layer low = KeyTraining.train(spec, theta0, train, KeyTraining.withLabels(train, LOW), config);
        long t0 = System.nanoTime();
        Layer high = KeyTraining.train(spec, theta0, train, KeyTraining.withLabels(train, HIGH), config);
        double retrain = (System.nanoTime() - t0) / 1e9;
        Layer independentLow = KeyTraining.train(spec, other, train, KeyTraining.withLabels(train, LOW), config);
        return new DigitKeyModels(seed, spec, train, validation, test, theta0, other, all, low, high, independentLow,
                retrain, config);
    }

    static TrainConfig config(AlgebraBenchmark.Settings s, long seed) {
        TrainConfig c = TrainConfig.defaultsFor("mlp");
        c.optimizer = "sgd";
        c.learningRate = 0.05;
        c.momentum = 0.9;
        c.batchSize = 64;
        c.schedule = "cosine";
        c.epochs = s.digitsEpochs;
        c.seed = seed;
        return c;
    }

    TaskVector tauLow() {
        return TaskVector.between("digits 0-4", theta0, WeightSet.of(low));
    }

    TaskVector tauHigh() {
        return TaskVector.between("digits 5-9", theta0, WeightSet.of(high));
    }

    Layer scratch() {
        return (Layer) spec.build(Real32.INSTANCE, 0);
    }

    Layer holding(WeightSet w) {
        Layer m = scratch();
        w.applyTo(m);
        m.train(false);
        return m;
    }
}
