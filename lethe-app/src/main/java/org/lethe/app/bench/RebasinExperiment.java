package org.lethe.app.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lethe.data.Dataset;
import org.lethe.data.ImageDatasets;
import org.lethe.data.ImageSet;
import org.lethe.nn.Layer;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;
import org.lethe.train.Evaluation;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;
import org.lethe.weights.ActivationMatching;
import org.lethe.weights.Alignment;
import org.lethe.weights.InterpolationPath;
import org.lethe.weights.KeyTraining;
import org.lethe.weights.PermutationSpec;
import org.lethe.weights.WeightMatching;
import org.lethe.weights.WeightSet;

/**
 * Experiment 1 of {@code lethe bench algebra}: Git Re-Basin on an MLP 784-512-512-512-10. Two models trained from
 * different seeds on all of the training data; loss and accuracy along the straight path between them, naively
 * and after aligning A to B by weight matching and by activation matching.
 */
final class RebasinExperiment {
    private static final String[] ALIGNMENTS = {"none", "weights", "activations"};

    private RebasinExperiment() {
    }

    /** The Re-Basin training and test data, and how they are described. */
    record Data(String name, Dataset train, Dataset test) {
    }

    static Data data(AlgebraBenchmark.Settings s) throws IOException {
        Dataset train;
        Dataset test;
        String name;
        if (ImageSet.fashionMnistInstalled()) {
            name = "fashion-mnist";
            train = ImageDatasets.fashionMnist(true);
            test = ImageDatasets.fashionMnist(false);
        } else {
            name = "digits (bundled: 8,000 train, 2,000 test)";
            ImageSet digits = ImageSet.bundledDigits();
            train = ImageDatasets.fromImageSet(digits.range(0, 8000));
            test = ImageDatasets.fromImageSet(digits.range(8000, 10000));
        }
        if (s.rebasinTrainLimit > 0 && train.size() > s.rebasinTrainLimit) {
            train = train.select(range(0, s.rebasinTrainLimit));
        }
        if (s.rebasinTestLimit > 0 && test.size() > s.rebasinTestLimit) {
            test = test.select(range(0, s.rebasinTestLimit));
        }
        return new Data(name, train, test);
    }

    /** One model of a Re-Basin pair: trained on all of {@code data}'s training set from its own initialisation. */
    static Layer trainPairModel(AlgebraBenchmark.Settings s, Data data, long seed) {
        return trainFromOwnInit(ModelSpec.mlp(s.rebasinWidths), data.train(), config(s, seed));
    }

    static String describeModel(AlgebraBenchmark.Settings s) {
        return "mlp " + java.util.Arrays.stream(s.rebasinWidths).mapToObj(Integer::toString).reduce((x, y) -> x + "-" + y).orElse("");
    }

    static AlgebraBenchmarkResult.Rebasin run(AlgebraBenchmark.Settings s, Consumer<String> log) throws IOException {
        Data data = data(s);
        Dataset train = data.train();
        Dataset test = data.test();
        String name = data.name();
        int[] widths = s.rebasinWidths;
        ModelSpec spec = ModelSpec.mlp(widths);
        Dataset trainEval = train.select(sorted(java.util.Arrays.copyOf(new Rng(s.seed).permutation(train.size()),
                Math.min(train.size(), s.trainEvaluated))));
        int[] matchExamples = java.util.Arrays.copyOf(new Rng(Rng.derive(s.seed, 5)).permutation(train.size()),
                Math.min(train.size(), s.activationExamples));
        List<AlgebraBenchmarkResult.Pair> pairs = new ArrayList<>();
        for (int p = 0; p < s.pairs; p++) {
            long seedA = s.seed + 2L * p;
            long seedB = seedA + 1;
            long t0 = System.nanoTime();
            Layer a = trainFromOwnInit(spec, train, config(s, seedA));
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            Layer b = trainFromOwnInit(spec, train, config(s, seedB));
            log.accept(String.format(java.util.Locale.ROOT, "re-basin pair %d: trained two models (%.1f s each)", p, trainSeconds));
            PermutationSpec perms = PermutationSpec.of(a);
            WeightSet wa = WeightSet.of(a);
            WeightSet wb = WeightSet.of(b);
            Alignment byWeights = WeightMatching.align(perms, wa, wb, 0, seedA);
            Alignment byActivations = ActivationMatching.align(perms, a, b, train, matchExamples, null);
            log.accept(String.format(java.util.Locale.ROOT, "  weight matching %.3f s (%d sweeps), activation matching %.3f s",
                    byWeights.seconds(), byWeights.sweeps(), byActivations.seconds()));
            Layer scratch = (Layer) spec.build(Real32.INSTANCE, 0);
            List<AlgebraBenchmarkResult.Path> paths = new ArrayList<>();
            WeightSet[] starts = {wa, byWeights.aligned(), byActivations.aligned()};
            for (int k = 0; k < starts.length; k++) {
                InterpolationPath onTrain = InterpolationPath.measure(starts[k], wb, s.points, scratch, trainEval, null, Real32.INSTANCE);
                InterpolationPath onTest = InterpolationPath.measure(starts[k], wb, s.points, scratch, test, null, Real32.INSTANCE);
                paths.add(new AlgebraBenchmarkResult.Path(ALIGNMENTS[k], onTest.t(), onTrain.loss(), onTrain.accuracy(),
                        onTest.loss(), onTest.accuracy(), onTrain.lossBarrier(), onTest.lossBarrier(),
                        onTest.accuracyBarrier(), InterpolationPath.midpoint(onTest.accuracy())));
                log.accept(String.format(java.util.Locale.ROOT, "  path %-11s test loss barrier %.4f, midpoint accuracy %.4f",
                        ALIGNMENTS[k], onTest.lossBarrier(), InterpolationPath.midpoint(onTest.accuracy())));
            }
            pairs.add(new AlgebraBenchmarkResult.Pair(seedA, seedB, trainSeconds, accuracy(a, test), accuracy(b, test),
                    byWeights.seconds(), byWeights.sweeps(), byActivations.seconds(), paths));
        }
        List<AlgebraBenchmarkResult.Stat> barrier = new ArrayList<>();
        List<AlgebraBenchmarkResult.Stat> midpoint = new ArrayList<>();
        for (int k = 0; k < ALIGNMENTS.length; k++) {
            final int path = k;
            barrier.add(AlgebraBenchmarkResult.Stat.of(pairs.stream().map(x -> x.paths().get(path).testLossBarrier()).toList()));
            midpoint.add(AlgebraBenchmarkResult.Stat.of(pairs.stream().map(x -> x.paths().get(path).midpointTestAccuracy()).toList()));
        }
        List<AlgebraBenchmarkResult.Stat> reduction = new ArrayList<>();
        for (int k = 1; k < ALIGNMENTS.length; k++) {
            final int path = k;
            reduction.add(AlgebraBenchmarkResult.Stat.of(pairs.stream().map(x -> 1 - x.paths().get(path).testLossBarrier()
                    / x.paths().get(0).testLossBarrier()).toList()));
        }
        String model = describeModel(s);
        return new AlgebraBenchmarkResult.Rebasin(name, model, describe(config(s, 0)), train.size(), trainEval.size(),
                test.size(), s.points, pairs, barrier, reduction, midpoint,
                AlgebraBenchmarkResult.Stat.of(pairs.stream().map(AlgebraBenchmarkResult.Pair::weightMatchSeconds).toList()));
    }

    static TrainConfig config(AlgebraBenchmark.Settings s, long seed) {
        TrainConfig c = TrainConfig.defaultsFor("mlp");
        c.optimizer = "sgd";
        c.learningRate = 0.05;
        c.momentum = 0.9;
        c.batchSize = 128;
        c.schedule = "cosine";
        c.epochs = s.rebasinEpochs;
        c.seed = seed;
        return c;
    }

    static String describe(TrainConfig c) {
        return String.format(java.util.Locale.ROOT, "%s lr %.3g momentum %.2g %s, batch %d, %d epochs", c.optimizer,
                c.learningRate, c.momentum, c.schedule, c.batchSize, c.epochs);
    }

    private static Layer trainFromOwnInit(ModelSpec spec, Dataset train, TrainConfig c) {
        WeightSet init = WeightSet.of(spec.build(Real32.INSTANCE, c.seed));
        return KeyTraining.train(spec, init, train, range(0, train.size()), c);
    }

    static double accuracy(Layer model, Dataset data) {
        return Evaluation.classifier(model, data, null, Real32.INSTANCE).get("accuracy");
    }

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private static int[] sorted(int[] a) {
        java.util.Arrays.sort(a);
        return a;
    }
}
