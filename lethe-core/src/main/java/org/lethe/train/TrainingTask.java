package org.lethe.train;

import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;

/**
 * What a training run optimises: the loss of a batch of examples, given by their data-set indices. The
 * {@link Trainer} owns the loop, order, schedule and checkpoints; a task only turns examples into a loss, so one
 * trainer serves image classifiers, language models and any algebra.
 */
@FunctionalInterface
public interface TrainingTask {
    /** The scalar loss of the examples {@code batch} (data-set indices) under {@code model}. */
    Tensor loss(Module model, int[] batch);
}
