package org.lethe.nn;

import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Blas;
import org.lethe.tensor.BlasThreading;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

/**
 * Hand-run throughput check (not a unit test) of the benchmark CNN in F32 at batch 128: times forward, backward
 * and an SGD step on random data and prints samples per second, overall and for the fastest window of 10
 * batches (a steadier figure when other processes share the cores). Arguments: {@code [batches] [warmupBatches]}.
 * Run it with {@code OPENBLAS_NUM_THREADS=1} to let convolutions spread whole chunks over the cores themselves.
 */
public final class CnnThroughputProbe {
    private CnnThroughputProbe() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int batch = 128;
        Rng rng = new Rng(3);
        SmallCnn model = new SmallCnn(Real32.INSTANCE, rng);
        Sgd opt = new Sgd(model.trainableParameters(), 0.05, 0.9);
        float[] pixels = new float[batch * 784];
        int[] labels = new int[batch];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(10);
        }
        long start = 0;
        long[] ends = new long[batches];
        for (int b = 0; b < warmup + batches; b++) {
            if (b == warmup) {
                start = System.nanoTime();
            }
            Tensor x = Tensor.constant(NDArray.wrap(pixels.clone(), batch, 1, 28, 28));
            Tensor loss = Functional.crossEntropy(model.forward(x), labels);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            if (b >= warmup) {
                ends[b - warmup] = System.nanoTime();
            }
        }
        double seconds = (ends[batches - 1] - start) / 1e9;
        int window = Math.min(10, batches);
        long best = ends[window - 1] - start;
        for (int b = window; b < batches; b++) {
            best = Math.min(best, ends[b] - ends[b - window]);
        }
        System.out.printf("blas=%s blas_single_threaded=%b batches=%d batch=%d seconds=%.3f samples_per_s=%.1f"
                        + " best_window_samples_per_s=%.1f%n", Blas.implementation(), BlasThreading.singleThreaded(),
                batches, batch, seconds, batches * batch / seconds, window * batch / (best / 1e9));
    }
}
