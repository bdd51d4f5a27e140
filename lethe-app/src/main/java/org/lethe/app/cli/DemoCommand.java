package org.lethe.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.ImageSet;
import org.lethe.nn.Mlp;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Blas;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe demo}: trains a small MLP on the bundled MNIST digits (the first 8,000 for training, the last 2,000
 * held out) and reports the held-out accuracy and the time taken. Needs nothing beyond the application itself.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Train a small MLP on the bundled digits and report test accuracy and time.")
public final class DemoCommand implements Callable<Integer> {
    private static final int TRAIN_SIZE = 8000;
    private static final int TEST_SIZE = 2000;
    private static final int[] HIDDEN = {256, 128};
    private static final int CLASSES = 10;
    private static final double MOMENTUM = 0.9;
    private static final int EVAL_BATCH = 500;

    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "0",
            description = "Seed of initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--epochs", paramLabel = "<n>", defaultValue = "2",
            description = "Passes over the training digits (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "<n>", defaultValue = "32",
            description = "Examples per SGD step (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "<rate>", defaultValue = "0.05",
            description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Override
    public Integer call() throws Exception {
        requirePositive("--epochs", epochs);
        requirePositive("--batch-size", batchSize);
        if (!(learningRate > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lr must be positive, got " + learningRate);
        }
        PrintWriter out = spec.commandLine().getOut();
        ImageSet all = ImageSet.bundledDigits();
        if (all.size() < TRAIN_SIZE + TEST_SIZE) {
            throw new IllegalStateException("the bundled digits hold " + all.size() + " examples, the demo needs "
                    + (TRAIN_SIZE + TEST_SIZE));
        }
        ImageSet train = all.range(0, TRAIN_SIZE);
        ImageSet test = all.range(all.size() - TEST_SIZE, all.size());

        int[] widths = new int[HIDDEN.length + 2];
        widths[0] = train.features();
        System.arraycopy(HIDDEN, 0, widths, 1, HIDDEN.length);
        widths[widths.length - 1] = CLASSES;
        Mlp model = new Mlp(Real32.INSTANCE, new Rng(Rng.derive(seed, 0)), widths);
        Sgd optimizer = new Sgd(model.trainableParameters(), learningRate, MOMENTUM);
        Rng shuffle = new Rng(Rng.derive(seed, 1));

        out.printf("Training an MLP %s (%,d parameters, %s) on %,d bundled MNIST digits%n",
                joined(widths), model.parameterCount(), Real32.INSTANCE.name(), train.size());
        out.printf("SGD lr %s momentum %s, batch %d, %d epoch%s, seed %d, BLAS %s%n", learningRate, MOMENTUM,
                batchSize, epochs, epochs == 1 ? "" : "s", seed, Blas.implementation());
        out.flush();

        long trainStart = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = trainEpoch(model, optimizer, train, shuffle.permutation(train.size()),
                    "epoch " + epoch + "/" + epochs);
            out.printf("epoch %d/%d  mean training loss %.4f%n", epoch, epochs, loss);
            out.flush();
        }
        double trainSeconds = seconds(System.nanoTime() - trainStart);

        long testStart = System.nanoTime();
        int correct = correctPredictions(model, test);
        double testSeconds = seconds(System.nanoTime() - testStart);

        out.printf("test accuracy %.2f%% (%,d of %,d held-out digits)%n",
                100.0 * correct / test.size(), correct, test.size());
        out.printf("time %.2f s training (%,.0f examples/s), %.2f s testing%n",
                trainSeconds, epochs * (double) train.size() / trainSeconds, testSeconds);
        out.flush();
        return 0;
    }

    /** One pass over {@code order}; returns the mean loss over its examples. */
    private double trainEpoch(Mlp model, Sgd optimizer, ImageSet train, int[] order, String task) {
        int batches = (order.length + batchSize - 1) / batchSize;
        double lossSum = 0;
        model.train(true);
        try (Progress progress = Progress.start(task, batches)) {
            progress.message("loss -.----");
            for (int start = 0; start < order.length; start += batchSize) {
                int n = Math.min(batchSize, order.length - start);
                int[] rows = Arrays.copyOfRange(order, start, start + n);
                Tensor loss = Functional.crossEntropy(model.forward(inputs(train, rows)), labels(train, rows));
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item() * n;
                progress.step();
                progress.message(String.format("loss %.4f", lossSum / (start + n)));
            }
        }
        return lossSum / order.length;
    }

    /** Number of examples of {@code test} whose most likely class is their label. */
    private static int correctPredictions(Mlp model, ImageSet test) {
        model.train(false);
        int correct = 0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int start = 0; start < test.size(); start += EVAL_BATCH) {
                int n = Math.min(EVAL_BATCH, test.size() - start);
                int first = start;
                int[] rows = new int[n];
                Arrays.setAll(rows, i -> first + i);
                int[] predicted = model.forward(inputs(test, rows)).value().argmax(1);
                for (int i = 0; i < n; i++) {
                    if (predicted[i] == test.labels[rows[i]]) {
                        correct++;
                    }
                }
            }
        }
        return correct;
    }

    private static Tensor inputs(ImageSet set, int[] rows) {
        int f = set.features();
        float[] x = new float[rows.length * f];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(set.pixels, rows[i] * f, x, i * f, f);
        }
        return Tensor.constant(NDArray.wrap(x, rows.length, f));
    }

    private static int[] labels(ImageSet set, int[] rows) {
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = set.labels[rows[i]];
        }
        return y;
    }

    private void requirePositive(String option, int value) {
        if (value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
    }

    private static String joined(int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int w : widths) {
            sb.append(sb.length() == 0 ? "" : "-").append(w);
        }
        return sb.toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
