package org.lethe.sketch;

import org.lethe.tensor.Algebra;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;
import org.lethe.tensor.Series;

/**
 * Times the reference experiment's training runs: real F64 and series of a given order along a random direction.
 * Not a unit test: run its {@code main} by hand. Arguments: series order (default 3), rounds (default 3; the first
 * warms up the JIT), real-run rounds (default 5).
 */
public final class SketchTimingProbe {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private SketchTimingProbe() {
    }

    public static void main(String[] args) throws Exception {
        int order = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int realRounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        MicroGptExperiment e = MicroGptExperiment.names();
        for (int round = 0; round < realRounds; round++) {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            org.lethe.nn.Module m = e.train(Real64.INSTANCE, LossWeights.none(), null);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("real run %d: %.3f s (thread CPU %.3f s), loss(max) %.6f%n", round, seconds, cpuSeconds,
                    e.measurement().evaluate(m).item());
        }
        Algebra series = Series.of(order);
        Rng rng = new Rng(1);
        double[] re = new double[e.exampleCount()];
        double[] im = new double[e.exampleCount()];
        for (int i = 0; i < re.length; i++) {
            re[i] = rng.nextGaussian();
            im[i] = rng.nextGaussian();
        }
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            org.lethe.nn.Module m = e.train(series, LossWeights.direction(re, im), null);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            double[][] c = Series.coefficients(e.measurement().evaluate(m), 0);
            System.out.printf("series%d run %d: %.3f s (thread CPU %.3f s), c = %s / %s%n", order, round, seconds, cpuSeconds,
                    java.util.Arrays.toString(c[0]), java.util.Arrays.toString(c[1]));
        }
    }
}
