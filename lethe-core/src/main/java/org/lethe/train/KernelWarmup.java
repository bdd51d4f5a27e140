package org.lethe.train;

import java.util.List;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Layer;
import org.lethe.nn.Mlp;
import org.lethe.nn.SmallCnn;
import org.lethe.optim.Adam;
import org.lethe.optim.Sgd;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Parallel;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

/**
 * Compiles the engine's F32 kernels while a command does something else, typically while it reads and decodes
 * its data set on one core. The JVM runs new code interpreted, then compiles what runs often; left to the real
 * work, the first few hundred training steps of a fresh process run at half speed or less. Here a background
 * thread trains throw-away miniature models (an MLP and a CNN, with SGD and Adam) on noise, so that the kernels
 * they share with the real models are compiled by the time real training starts.
 *
 * <p>{@link #runFor} is the same warm-up in the foreground, for a process with nothing else to do yet (a cluster's
 * executor before its first jobs), preceded by the data preparation code.
 *
 * <p>It touches nothing that real work reads: its own models, its own random numbers, and its kernels run on
 * its own thread ({@link Parallel#serially}), so results never change. {@link #finish()} stops it within one
 * miniature step; call it before timing or training, so that it never competes with real work for a core.
 */
public final class KernelWarmup {
    /** Upper bound on the warm-up's own running time, for a command whose loading is unusually slow. */
    private static final long MAX_NANOS = 3_000_000_000L;
    private static final int BATCH = 64;
    private static final int CONV_BATCH = 4;

    private final Thread thread;
    private volatile boolean stop;
    private volatile int steps;

    private final long maxNanos;

    private KernelWarmup(long maxNanos) {
        this.maxNanos = maxNanos;
        thread = new Thread(() -> Parallel.serially(this::loop), "lethe-kernel-warmup");
        thread.setDaemon(true);
    }

    /** Starts warming up in the background, or returns a no-op handle when the property {@code lethe.warmup=false}. */
    public static KernelWarmup start() {
        KernelWarmup w = new KernelWarmup(MAX_NANOS);
        if (!"false".equalsIgnoreCase(System.getProperty("lethe.warmup", "true"))) {
            w.thread.start();
        }
        return w;
    }

    private static KernelWarmup shared;

    /**
     * The process's warm-up, started on first use: a launcher can start it before it even parses its arguments,
     * and the command that trains finishes it. Once finished it stays finished.
     */
    public static synchronized KernelWarmup shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Stops the warm-up and waits for its thread (at most one miniature step). Returns the steps it ran. */
    public int finish() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return steps;
    }

    /**
     * Warms up on the calling thread and returns the miniature training steps it ran: for a process that has nothing
     * else to do meanwhile, such as a cluster's executor before its first jobs arrive. Such a process also reads its
     * own data in its first job, so the data preparation code is warmed up first, by preparing the bundled digits
     * twice (into nothing that is kept: the process's data cache is left alone; about a second in a fresh JVM); then
     * the kernels for {@code seconds}, on this thread alone. Like the background warm-up it changes no result.
     *
     * @throws IllegalArgumentException when {@code seconds} is negative or not finite
     */
    public static int runFor(double seconds) {
        requireSeconds(seconds);
        for (int pass = 0; pass < 2; pass++) {
            try {
                PreparedData.load("digits", 0.2, 0x5eedL, 10, null);
            } catch (java.io.IOException | RuntimeException e) {
                break; // Only a warm-up: the real jobs report what is wrong with their own data.
            }
        }
        // At most a day, so that the deadline cannot overflow.
        KernelWarmup w = new KernelWarmup((long) (Math.min(seconds, 86_400) * 1e9));
        Parallel.serially(w::loop);
        return w.steps;
    }

    /**
     * Checks a warm-up's length as {@link #runFor} takes it, for callers that pass it on to other processes.
     *
     * @throws IllegalArgumentException when {@code seconds} is negative or not finite
     */
    public static void requireSeconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("the warm-up needs a finite number of seconds >= 0, got " + seconds);
        }
    }

    private void loop() {
        Rng rng = new Rng(Rng.derive(0x5eedL, 17));
        Layer mlp = new Mlp(Real32.INSTANCE, rng, 784, 16, 10);
        Layer cnn = new SmallCnn(Real32.INSTANCE, rng, 28, 2, 2, 8, 10);
        List<Tensor> mlpParams = mlp.trainableParameters();
        List<Tensor> cnnParams = cnn.trainableParameters();
        TrainingStep[] optimizers = {
            TrainingStep.of(mlp, new Sgd(mlpParams, 0.01, 0.9)),
            TrainingStep.of(mlp, Adam.builder(mlpParams).learningRate(0.001).build()),
            TrainingStep.of(cnn, new Sgd(cnnParams, 0.01, 0.9)),
            TrainingStep.of(cnn, Adam.builder(cnnParams).learningRate(0.001).build()),
        };
        float[] pixels = new float[BATCH * 784];
        int[] labels = new int[BATCH];
        long deadline = System.nanoTime() + maxNanos;
        for (int step = 0; !stop && System.nanoTime() < deadline; step++) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) rng.nextDouble();
            }
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rng.nextInt(10);
            }
            // Mostly MLP steps (cheap); every eighth step a tiny CNN batch for the convolution kernels.
            boolean conv = step % 8 == 7;
            Layer model = conv ? cnn : mlp;
            TrainingStep opt = optimizers[(conv ? 2 : 0) + (step / 8) % 2];
            int n = conv ? CONV_BATCH : BATCH;
            int[] shape = conv ? new int[] {n, 1, 28, 28} : new int[] {n, 784};
            float[] x = conv ? java.util.Arrays.copyOf(pixels, n * 784) : pixels.clone();
            int[] y = conv ? java.util.Arrays.copyOf(labels, n) : labels;
            // The real loops step through TrainingStep, so its sequence is what should be compiled.
            opt.run(() -> Functional.crossEntropy(model.forward(Tensor.constant(NDArray.wrap(x, shape))), y),
                    opt.optimizer().learningRate(), 0x5eedL, step);
            steps = step + 1;
        }
    }
}
