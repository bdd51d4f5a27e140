package org.lethe.train;

import java.util.function.Supplier;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.optim.GradientClipping;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.Rng;

/**
 * One optimiser step, the same for every loop of Lethe (training runs, SISA stages, fine-tuning after a deletion,
 * relearning audits, probes, benchmarks): set the learning rate, reseed the model's randomness from the run seed
 * and the step, compute the loss, zero the gradients, run backward, apply the optional {@link GradientMask} and
 * gradient clipping, and update. Keeping the sequence in one place is what lets two loops that take the same
 * examples with the same seed agree bit for bit, and lets a new method (a masked or clipped update) reach every
 * loop at once.
 *
 * <p>Step {@code t} of a run seeded {@code s} reseeds the model with {@link #stepSeed stepSeed(s, t)}, so dropout
 * masks depend only on the seed and the step, never on what ran before, and a resumed run needs no saved random
 * state.
 *
 * <p>Losses over bare parameter tensors with no module around them (a linear probe's weights) use
 * {@link #withoutModel}: such a loss has no randomness of its own, so there is nothing to reseed. Wrapping the
 * tensors in a module only to reseed nothing would invent parameter names that nothing reads.
 */
public final class TrainingStep {
    /** Offset of the step in the seed derivation, which keeps step seeds apart from a run's other derived seeds. */
    public static final long STEP_SEED_OFFSET = 1_000_003L;

    private final Module model;
    private final Optimizer optimizer;
    private GradientMask mask;
    private double maxGradNorm = Double.NaN;
    private double maxGradValue = Double.NaN;
    private double lastGradNorm = Double.NaN;

    private TrainingStep(Module model, Optimizer optimizer) {
        this.model = model;
        this.optimizer = java.util.Objects.requireNonNull(optimizer, "optimizer");
    }

    /** Steps of {@code optimizer} on the parameters of {@code model}, whose randomness each step reseeds. */
    public static TrainingStep of(Module model, Optimizer optimizer) {
        return new TrainingStep(java.util.Objects.requireNonNull(model, "model"), optimizer);
    }

    /** Steps of {@code optimizer} on parameters outside any module; losses come from a supplier and nothing is reseeded. */
    public static TrainingStep withoutModel(Optimizer optimizer) {
        return new TrainingStep(null, optimizer);
    }

    /** The seed of step {@code step}'s randomness in a run seeded {@code seed}. */
    public static long stepSeed(long seed, int step) {
        return Rng.derive(seed, STEP_SEED_OFFSET + step);
    }

    /** Multiplies gradients by {@code mask} before each update (null for none). */
    public TrainingStep mask(GradientMask mask) {
        this.mask = mask;
        return this;
    }

    /**
     * Scales the gradients down to global L2 norm {@code maxNorm} when they exceed it
     * ({@link GradientClipping#clipByGlobalNorm}), after the mask, so the norm is that of the update applied.
     */
    public TrainingStep clipGlobalNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("max gradient norm must be finite and > 0: " + maxNorm);
        }
        this.maxGradNorm = maxNorm;
        return this;
    }

    /** Clamps every gradient element to {@code [-limit, limit]} ({@link GradientClipping#clipByValue}), after any norm clipping. */
    public TrainingStep clipValue(double limit) {
        if (!(limit >= 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("gradient clip value must be finite and >= 0: " + limit);
        }
        this.maxGradValue = limit;
        return this;
    }

    /**
     * Step {@code step} of a run seeded {@code seed}: the loss of {@code batch} under {@code task}, at rate
     * {@code learningRate}. Returns the loss.
     */
    public Tensor run(TrainingTask task, int[] batch, double learningRate, long seed, int step) {
        if (model == null) {
            throw new IllegalStateException("a training task needs the model; this step was made without one");
        }
        return run(() -> task.loss(model, batch), learningRate, seed, step);
    }

    /**
     * Step {@code step} of a run seeded {@code seed} on the loss {@code loss} computes, at rate
     * {@code learningRate}. The supplier runs after reseeding, so its forward pass sees the step's dropout masks.
     * Returns the loss.
     */
    public Tensor run(Supplier<Tensor> loss, double learningRate, long seed, int step) {
        optimizer.setLearningRate(learningRate);
        if (model != null) {
            model.reseed(stepSeed(seed, step));
        }
        Tensor l = loss.get();
        optimizer.zeroGrad();
        l.backward();
        if (mask != null) {
            mask.apply(optimizer.parameters());
        }
        if (!Double.isNaN(maxGradNorm)) {
            lastGradNorm = GradientClipping.clipByGlobalNorm(optimizer.parameters(), maxGradNorm);
        }
        if (!Double.isNaN(maxGradValue)) {
            GradientClipping.clipByValue(optimizer.parameters(), maxGradValue);
        }
        optimizer.step();
        return l;
    }

    /** The global gradient norm before clipping at the last step, or NaN when norm clipping is off. */
    public double lastGradientNorm() {
        return lastGradNorm;
    }

    /** The optimiser this step updates. */
    public Optimizer optimizer() {
        return optimizer;
    }
}
