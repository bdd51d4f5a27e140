package org.lethe.weights;

/**
 * What training added to a model: {@code tau = theta_trained - theta_base} (Ilharco et al., "Editing models with
 * task arithmetic", ICLR 2023). Adding {@code lambda tau} to a model inserts the task, subtracting it removes
 * it. A task vector means something only relative to its base: two models trained from different initialisations
 * have unrelated hidden units, so one's vector cannot edit the other (see {@link WeightMatching} for aligning them).
 *
 * @param name  what the vector holds (a key name, a data description)
 * @param delta the weight difference
 */
public record TaskVector(String name, WeightSet delta) {
    /** The vector that takes {@code base} to {@code trained}. */
    public static TaskVector between(String name, WeightSet base, WeightSet trained) {
        return new TaskVector(name, trained.subtract(base));
    }

    /** {@code model + lambda * tau}: insertion for positive {@code lambda}, removal for negative. */
    public WeightSet applyTo(WeightSet model, double lambda) {
        return model.plusScaled(lambda, delta);
    }

    /** Cosine between two task vectors: near 0 for tasks that barely interfere, larger when they compete. */
    public double cosine(TaskVector other) {
        return delta.cosine(other.delta);
    }
}
