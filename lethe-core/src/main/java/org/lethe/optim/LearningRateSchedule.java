package org.lethe.optim;

/**
 * A learning rate as a function of the step number, counted from 0 (the rate of the first update is
 * {@code rate(0)}). Schedules are pure functions of the step, so resuming from a checkpoint only needs the step.
 */
public interface LearningRateSchedule {

    /** The rate for update number {@code step} (0-based). */
    double rate(long step);

    /** Sets {@code optimizer}'s rate for update number {@code step}; call before {@link Optimizer#step()}. */
    default void apply(Optimizer optimizer, long step) {
        optimizer.setLearningRate(rate(step));
    }

    /** The same rate at every step. */
    static LearningRateSchedule constant(double rate) {
        requireRate("rate", rate);
        return step -> {
            requireStep(step);
            return rate;
        };
    }

    /**
     * Linear from {@code initial} at step 0 to {@code initial * finalFraction} at step {@code steps}, then constant:
     * {@code initial * (1 - (1 - finalFraction) * min(step, steps) / steps)}.
     */
    static LearningRateSchedule linearDecay(double initial, double finalFraction, long steps) {
        requireRate("initial rate", initial);
        requireRate("final fraction", finalFraction);
        requireSteps("decay", steps);
        return step -> {
            double progress = Math.min(requireStep(step), steps) / (double) steps;
            return initial * (1.0 - (1.0 - finalFraction) * progress);
        };
    }

    /**
     * Half a cosine from {@code initial} at step 0 to {@code minRate} at step {@code steps}, then constant:
     * {@code minRate + (initial - minRate) * (1 + cos(pi * min(step, steps) / steps)) / 2}.
     */
    static LearningRateSchedule cosine(double initial, double minRate, long steps) {
        requireRate("initial rate", initial);
        requireRate("minimum rate", minRate);
        requireSteps("cosine", steps);
        return step -> {
            double progress = Math.min(requireStep(step), steps) / (double) steps;
            return minRate + (initial - minRate) * 0.5 * (1.0 + StrictMath.cos(Math.PI * progress));
        };
    }

    /**
     * Linear warm-up from 0 over {@code warmupSteps} steps, then {@code after} shifted to start at its own step 0:
     * {@code after.rate(0) * step / warmupSteps} for {@code step < warmupSteps}, else
     * {@code after.rate(step - warmupSteps)}. The rate is therefore continuous at the end of the warm-up, and the
     * first update (step 0) has rate 0.
     */
    static LearningRateSchedule warmup(long warmupSteps, LearningRateSchedule after) {
        requireSteps("warm-up", warmupSteps);
        if (after == null) {
            throw new IllegalArgumentException("warm-up needs a schedule to continue with");
        }
        return step -> {
            if (requireStep(step) < warmupSteps) {
                return after.rate(0) * step / (double) warmupSteps;
            }
            return after.rate(step - warmupSteps);
        };
    }

    private static void requireRate(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0: " + value);
        }
    }

    private static void requireSteps(String what, long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException(what + " length must be > 0 steps: " + steps);
        }
    }

    private static long requireStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0: " + step);
        }
        return step;
    }
}
