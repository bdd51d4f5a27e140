package org.lethe.tensor;

/**
 * Whether the BLAS behind {@link Blas} computes each call on one thread, which decides who should parallelise a
 * batch of independent matrix products: the BLAS itself, or the caller by running products concurrently.
 *
 * <p>The answer matters for speed only, never for results. Native OpenBLAS reads its thread count from
 * {@code OPENBLAS_NUM_THREADS} (then {@code GOTO_NUM_THREADS}, then {@code OMP_NUM_THREADS}) when it loads; a
 * multi-threaded OpenBLAS keeps its idle workers spinning for a while after each call, so caller-side parallel
 * work between calls competes with them for the cores. The Java fallbacks are always single-threaded.
 */
public final class BlasThreading {
    private static final boolean SINGLE = detect();

    private BlasThreading() {
    }

    /** True when every BLAS call runs on the calling thread alone. */
    public static boolean singleThreaded() {
        return SINGLE;
    }

    private static boolean detect() {
        if (!"JNIBLAS".equals(Blas.implementation())) {
            return true;
        }
        // OpenBLAS takes the first of these that holds a positive number, else one thread per core.
        for (String variable : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            int threads = positiveOrZero(System.getenv(variable));
            if (threads > 0) {
                return threads == 1;
            }
        }
        return Runtime.getRuntime().availableProcessors() == 1;
    }

    private static int positiveOrZero(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
