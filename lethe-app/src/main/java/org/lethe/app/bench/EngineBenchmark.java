package org.lethe.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.function.IntConsumer;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.data.ImageSet;
import org.lethe.nn.Layer;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Blas;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;
import org.lethe.train.TrainingStep;

/**
 * One training epoch of a benchmark model in F32, timed like the PyTorch peer: the clock covers shuffling,
 * batch assembly, forward, backward and the optimiser step, not data loading or evaluation.
 */
public final class EngineBenchmark {
    /** Batch size, learning rate and momentum of the benchmark (fixed by the peer script). */
    public static final int BATCH = 128;
    public static final double LR = 0.05;
    public static final double MOMENTUM = 0.9;

    private EngineBenchmark() {
    }

    /**
     * Trains {@code model} for one epoch and evaluates it. Each batch is one {@link TrainingStep} on a
     * {@link ClassificationTask}, the path of {@code lethe train}, so the figure is the speed users get.
     *
     * @param progress called with the number of samples seen after each batch (may be null)
     * @return the figures, serialised with the peer script's JSON keys
     */
    public static EngineBenchmarkResult run(String modelName, Layer model, int[] inputShape, BenchData data, long seed,
                                            IntConsumer progress) {
        Dataset train = data.train;
        Sgd opt = new Sgd(model.trainableParameters(), LR, MOMENTUM);
        TrainingStep step = TrainingStep.of(model, opt);
        ClassificationTask task = new ClassificationTask(train, inputShape, Real32.INSTANCE);
        int[] order = new Rng(Rng.derive(seed, 1)).permutation(train.size());
        resetPeakHeap();
        long start = System.nanoTime();
        model.train(true);
        for (int s = 0, t = 0; s < train.size(); s += BATCH, t++) {
            int n = Math.min(BATCH, train.size() - s);
            step.run(task, java.util.Arrays.copyOfRange(order, s, s + n), LR, seed, t);
            if (progress != null) {
                progress.accept(s + n);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = peakHeapBytes();
        double accuracy = accuracy(model, data.test, inputShape);
        return EngineBenchmarkResult.of("lethe-f32-" + Blas.implementation(), openBlasCoreType(),
                Runtime.version().toString(), modelName, data.name, org.lethe.tensor.Parallel.threads(), train.size(),
                round(seconds, 3), round(train.size() / seconds, 1), round(accuracy, 4),
                round(peakHeap / (1024.0 * 1024.0), 1), round(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0), 1),
                org.lethe.nn.ParameterHash.of(model));
    }

    /**
     * The OpenBLAS kernel family the environment forces ({@code OPENBLAS_CORETYPE}), or "auto" when OpenBLAS
     * detects the CPU itself. The peer inherits the environment, so it runs the same kernels.
     */
    public static String openBlasCoreType() {
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        return coreType == null || coreType.isEmpty() ? "auto" : coreType;
    }

    /** Classification accuracy on a set, in evaluation mode without recording. */
    public static double accuracy(Layer model, ImageSet test, int[] inputShape) {
        model.train(false);
        int correct = 0;
        int f = test.features();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (int s = 0; s < test.size(); s += 1000) {
                int n = Math.min(1000, test.size() - s);
                float[] x = java.util.Arrays.copyOfRange(test.pixels, s * f, (s + n) * f);
                int[] shape = inputShape.clone();
                shape[0] = n;
                int[] pred = model.forward(Tensor.constant(NDArray.wrap(x, shape))).value().argmax(1);
                for (int i = 0; i < n; i++) {
                    if (pred[i] == test.labels[s + i]) {
                        correct++;
                    }
                }
            }
        }
        model.train(true);
        return correct / (double) test.size();
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    // The sum of per-pool peaks bounds the true peak from above, which is the safe side for a memory target.
    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
