package org.lethe.train;

import java.io.IOException;
import java.util.OptionalInt;
import org.lethe.nn.Module;
import org.lethe.optim.Optimizer;

/**
 * Where a training run keeps its resumable state. A checkpoint taken after step {@code t} holds everything needed
 * to continue at step {@code t + 1} bit-identically: parameters, optimiser state and step count (the data order
 * and per-step randomness are functions of the seed and step, so they need no saving).
 */
public interface Checkpoints {
    /** Saves the state after {@code completedSteps} steps. Must be atomic: a crash leaves the old checkpoints. */
    void save(int completedSteps, Module model, Optimizer optimizer) throws IOException;

    /** Loads the state saved after {@code completedSteps} steps into {@code model} and {@code optimizer}. */
    void load(int completedSteps, Module model, Optimizer optimizer) throws IOException;

    /** The largest saved step count, if any. */
    OptionalInt latest() throws IOException;

    /** The largest saved step count that is at most {@code limit}, if any. */
    OptionalInt latestAtMost(int limit) throws IOException;
}
