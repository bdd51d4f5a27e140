package org.lethe.unlearn;

import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.tensor.NDArray;
import org.lethe.train.TrainingStep;

/**
 * Short retraining from a shrunk and perturbed start, with the head calibrated to the original's confidence on
 * unseen examples. Every weight becomes {@code shrink} times the original's plus {@code noise} times a fresh
 * initialisation's (Ash and Adams 2020's "shrink and perturb"; shrink 0 and noise 1 start from scratch;
 * the default noise 0.6, a fresh start at 0.6 of the usual initialisation's scale, gave the memorising leaderboard's
 * best forget quality among 0.5, 0.6, 0.7, 1 and 1.3), then the model trains on the retained data for a fraction of the original's steps, at the model's own
 * rate and then, over the last {@code anneal_fraction} of the steps, at a rate falling to 0 along a cosine (a brief
 * run ending at a constant rate leaves its last steps' noise in the weights, and the forget set's confidences then
 * vary across runs more than retrained models' do). A model trained that briefly is less
 * confident than one trained as long as the original, on every example and so on the forget set too; the last
 * step therefore scales the head (its weights and bias, hence every logit) by the one factor that makes the median
 * logit-scaled confidence on validation examples, which neither model trained on, equal to the original's.
 *
 * <p>The aim is the forget quality of the 2023 challenge: each forget example's confidence should be distributed,
 * across runs, like that of models retrained without it. A model that never trained on an example (after the
 * shrink) gives it the confidence an unseen example gets, and the calibration makes that confidence the size the
 * original gives unseen examples. The shrink keeps part of the original (shorter training for the same accuracy)
 * at the price of part of its memory of the forget set; the fresh initialisation gives each run the spread across
 * seeds that retrained models have. Nothing reads a retrained model.
 *
 * <p>A fifth of the original's steps suffices for the memorising MLP, but left the subjects CNN at 0.85 of the
 * retrained models' test accuracy. So the constant-rate part does not end before the model keeps
 * {@code keep_accuracy} of the original's accuracy on the validation examples (held-out data methods may read),
 * checked every 5% of the original's steps, for at most 30% of them more;
 * the deletion record gives the steps added.
 */
public final class ShortRetrain {
    /** How often the extension checks validation accuracy, and its bound, as fractions of the original's steps. */
    private static final double CHECK_FRACTION = 0.05;
    private static final double EXTRA_FRACTION = 0.3;

    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("short_retrain")
            .approximate(ShortRetrain::apply)
            // noise first: it is the main knob tuning searches (the default shrink, 0, has no multiples)
            .parameter(MethodParameter.real("noise", 0.6, "multiplies the fresh initialisation added at the start"))
            .parameter(MethodParameter.real("shrink", 0.0, "multiplies the original's weights at the start"))
            .parameter(StepSettings.stepsFraction(0.2, "optimiser steps on retained data"))
            .parameter(StepSettings.learningRate(1))
            .parameter(MethodParameter.real("anneal_fraction", 0.5,
                    "the last fraction of the steps, over which the rate falls to 0 along a cosine"))
            .parameterAddedLater(MethodParameter.real("keep_accuracy", 0.95, "the rate does not start falling "
                    + "before validation accuracy is at least this fraction of the original's (for at most "
                    + EXTRA_FRACTION + " of the original's steps more, also with anneal_fraction 1; 0: never "
                    + "extended)"), 0.0)
            .parameter(new MethodParameter("calibrate", MethodParameter.Type.BOOLEAN, true,
                    "scale the head so the median validation confidence is the original's"))
            .summary("approximate: shrinks the weights towards a fresh initialisation, retrains briefly on the "
                    + "retained data and calibrates the head to the original's confidence on unseen examples")
            .build();

    private ShortRetrain() {
    }

    private static void apply(ForgetProblem p) {
        double shrink = p.settings().real("shrink");
        double noise = p.settings().real("noise");
        if (!Double.isFinite(shrink) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("short_retrain needs a finite shrink and noise, got " + shrink
                    + " and " + noise);
        }
        Module model = (Module) p.model();
        Map<String, Tensor> fresh = ((Module) p.freshModel(0)).namedParameters();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            NDArray w = e.getValue().value();
            w.scaleInPlace(shrink);
            w.addInPlace(fresh.get(e.getKey()).value().mul(noise));
        }
        int steps = StepSettings.steps(p);
        double rate = StepSettings.rate(p, 1);
        double annealFraction = p.settings().real("anneal_fraction");
        if (!(annealFraction >= 0 && annealFraction <= 1)) {
            throw new IllegalArgumentException("anneal_fraction must be within [0, 1], got " + annealFraction);
        }
        double keep = p.settings().real("keep_accuracy");
        if (!(keep >= 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep_accuracy must be within [0, 1], got " + keep);
        }
        int annealed = (int) Math.round(annealFraction * steps);
        int constant = steps - annealed;
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        Runnable step = () -> {
            int[] batch = retain.next();
            p.step(stepper, rate, () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch));
        };
        for (int i = 0; i < constant; i++) {
            step.run();
        }
        Extension added = keep == 0 ? new Extension(0, true) : extendUntilAccurate(p, keep, step);
        LearningRateSchedule anneal = LearningRateSchedule.cosine(rate, 0, Math.max(1, annealed));
        for (int i = 0; i < annealed; i++) {
            int[] batch = retain.next();
            p.step(stepper, anneal.rate(i), () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch));
        }
        p.note("retrain_steps", steps + added.steps());
        p.note("steps_added", added.steps());
        p.note("keep_accuracy_met", added.reached());
        if ((Boolean) p.settings().values().get("calibrate")) {
            p.note("head_scale", ConfidenceCalibration.matchOriginal(p));
        }
    }

    // Constant-rate steps, a check's worth at a time, until validation accuracy reaches keep times the original's
    // or the bound is spent.
    private static Extension extendUntilAccurate(ForgetProblem p, double keep, Runnable step) {
        double floor = keep * p.accuracy(p.original(), p.heldOutTask(), p.validation());
        int chunk = p.stepsFor(CHECK_FRACTION);
        int limit = p.stepsFor(EXTRA_FRACTION);
        int added = 0;
        boolean reached = p.accuracy(p.model(), p.heldOutTask(), p.validation(), floor) >= floor;
        while (!reached && added < limit) {
            for (int i = 0; i < chunk && added < limit; i++, added++) {
                step.run();
            }
            reached = p.accuracy(p.model(), p.heldOutTask(), p.validation(), floor) >= floor;
        }
        return new Extension(added, reached);
    }

    /** The constant-rate steps added, and whether the accuracy was reached before the bound ran out. */
    private record Extension(int steps, boolean reached) {
    }
}
