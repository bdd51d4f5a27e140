package org.lethe.audit;

/**
 * Evenly spaced grids with NumPy's {@code linspace} semantics, rounding included, so that decision-rule grids
 * ported from NumPy code contain exactly the same thresholds.
 *
 * <p>NumPy computes {@code y[i] = i * step + start} with {@code step = (stop - start) / (num - 1)} (two roundings,
 * no fused multiply-add), then overwrites the last element with {@code stop}; when {@code step} underflows to 0 it
 * uses {@code (i / (num - 1)) * (stop - start) + start} instead. {@code num = 1} gives {@code [start]} and
 * {@code num = 0} an empty grid.
 */
public final class Linspace {
    private Linspace() {
    }

    /** {@code numpy.linspace(start, stop, num)} (endpoint included). */
    public static double[] of(double start, double stop, int num) {
        if (num < 0) {
            throw new IllegalArgumentException("linspace: number of samples must be non-negative, got " + num);
        }
        double[] out = new double[num];
        fill(start, stop, out);
        return out;
    }

    /** Writes {@code numpy.linspace(start, stop, out.length)} into {@code out}, for loops that reuse one buffer. */
    public static void fill(double start, double stop, double[] out) {
        int num = out.length;
        if (num == 0) {
            return;
        }
        double delta = stop - start;
        int div = num - 1;
        if (div == 0) {
            // NumPy multiplies the index 0 by delta (not by an undefined step), then adds start.
            out[0] = 0.0 * delta + start;
            return;
        }
        double step = delta / div;
        if (step == 0.0) {
            for (int i = 0; i < num; i++) {
                out[i] = ((double) i / div) * delta + start;
            }
        } else {
            for (int i = 0; i < num; i++) {
                out[i] = i * step + start;
            }
        }
        out[num - 1] = stop;
    }

    /**
     * The grid size {@code int(ceil((hi - lo) * perUnit))} used by the challenge metric for "{@code perUnit}
     * thresholds per unit of confidence"; 0 when {@code hi <= lo}.
     */
    public static int countPerUnit(double lo, double hi, double perUnit) {
        double n = Math.ceil((hi - lo) * perUnit);
        if (!(n <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("linspace: grid from " + lo + " to " + hi + " at " + perUnit
                    + " per unit is too large");
        }
        return n <= 0 ? 0 : (int) n;
    }
}
