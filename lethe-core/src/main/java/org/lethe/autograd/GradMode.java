package org.lethe.autograd;

/**
 * Whether operations are recorded for differentiation on the current thread. Recording is on by default;
 * {@link #noGrad()} turns it off for a scope, which evaluation and optimiser updates use.
 */
public final class GradMode {
    private static final ThreadLocal<int[]> DISABLED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private GradMode() {
    }

    /** True when new operations are recorded. */
    public static boolean enabled() {
        return DISABLED_DEPTH.get()[0] == 0;
    }

    /** Turns recording off until the returned scope is closed; scopes nest. */
    public static Scope noGrad() {
        int[] depth = DISABLED_DEPTH.get();
        depth[0]++;
        return () -> depth[0]--;
    }

    /** A scope that ends with try-with-resources; closing it never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
