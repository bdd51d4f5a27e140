package org.lethe.app.cli;

/**
 * Marks a command that trains right after loading data, and so gains from compiling the engine's kernels
 * meanwhile ({@link org.lethe.train.KernelWarmup}). {@link Main} starts the warm-up for such a command before
 * the command line is even parsed; the command itself still calls {@code KernelWarmup.shared()} (which returns the
 * warm-up already running), so the mark only changes timing, never results.
 */
public interface WarmsKernels {
}
