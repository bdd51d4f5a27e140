package org.lethe.unlearn;

import org.lethe.autograd.Tensor;
import org.lethe.nn.Layer;
import org.lethe.train.TrainingStep;

/**
 * SCRUB (Kurmanji et al. 2023, "Towards unbounded machine unlearning"): the model is a student of the original.
 * Each of the first {@code max_rounds} rounds begins with max-steps, one pass over the forget set that raises the
 * student's divergence from the teacher there; every round then takes min-steps on retained batches that keep the
 * student close to the teacher (KL, weight {@code alpha}) while fitting the labels (cross-entropy, weight
 * {@code gamma}). The remaining rounds are min-steps only, which repair what the max-steps broke. The defaults
 * are the paper's CIFAR settings (alpha 0.001, gamma 0.99, temperature 4, 5 rounds of which 2 with max-steps);
 * the rounds' length is a fraction of the original training, as for fine-tuning. A round's max-steps stop early,
 * before a step whose forget batch's cross-entropy already passes the original's loss on held-out data
 * ({@link AscentCeiling}), and the optimiser's state is then reset: unbounded, they drove the subjects CNN to NaN.
 */
public final class ScrubUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("scrub")
            .approximate(ScrubUnlearning::apply)
            .parameter(StepSettings.stepsFraction(0.1, "min-steps in all rounds together"))
            .parameter(StepSettings.learningRate(1))
            .parameter(MethodParameter.integer("rounds", 5, "rounds of min-steps"))
            .parameter(MethodParameter.integer("max_rounds", 2, "the first rounds, which begin with max-steps"))
            .parameter(MethodParameter.real("alpha", 0.001, "weight of the divergence from the teacher on retained data"))
            .parameter(MethodParameter.real("gamma", 0.99, "weight of the cross-entropy on retained data"))
            .parameter(MethodParameter.real("temperature", 4.0, "distillation temperature"))
            .summary("approximate: SCRUB, a student moving away from the original on the forget set and staying "
                    + "close to it on retained data")
            .build();

    private ScrubUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int minSteps = StepSettings.steps(p);
        double rate = StepSettings.rate(p, 1);
        int rounds = p.settings().integer("rounds");
        int maxRounds = p.settings().integer("max_rounds");
        if (rounds < 1 || maxRounds < 0 || maxRounds > rounds) {
            throw new IllegalArgumentException("SCRUB needs rounds >= 1 and 0 <= max_rounds <= rounds, got rounds="
                    + rounds + ", max_rounds=" + maxRounds);
        }
        double alpha = p.settings().real("alpha");
        double gamma = p.settings().real("gamma");
        double t = p.settings().real("temperature");
        if (!(t > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + t);
        }
        Layer teacher = p.original();
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        ForgetProblem.Batches forget = ForgetBatches.of(p, 1);
        double ceiling = AscentCeiling.of(p);
        int maxSteps = 0;
        int stoppedRounds = 0;
        int taken = 0;
        for (int round = 0; round < rounds; round++) {
            if (round < maxRounds) {
                for (int i = 0; i < forget.perEpoch(); i++) {
                    int[] f = forget.next();
                    if (AscentCeiling.reached(p, f, ceiling)) {
                        stoppedRounds++;
                        // Stopping the ascent stops its momentum too: the optimiser's velocity would otherwise
                        // carry the ascent on through the first min-steps, past the ceiling.
                        stepper = p.stepper();
                        break;
                    }
                    p.step(stepper, rate, () -> UnlearningLosses.distillation(
                            UnlearningLosses.logits(p.model(), p.trainTask(), f),
                            UnlearningLosses.teacherLogits(teacher, p.trainTask(), f), t).neg());
                    maxSteps++;
                }
            }
            // Spread the min-steps evenly over the rounds, the remainder going to the first ones.
            int inRound = minSteps / rounds + (round < minSteps % rounds ? 1 : 0);
            for (int i = 0; i < inRound; i++) {
                int[] r = retain.next();
                p.step(stepper, rate, () -> {
                    Tensor logits = UnlearningLosses.logits(p.model(), p.trainTask(), r);
                    Tensor fit = UnlearningLosses.crossEntropy(logits, p.trainTask().data().labels(r)).mul(gamma);
                    return fit.add(UnlearningLosses.distillation(logits,
                            UnlearningLosses.teacherLogits(teacher, p.trainTask(), r), t).mul(alpha));
                });
                taken++;
            }
        }
        p.note("max_steps", maxSteps);
        p.note("max_passes_stopped_at_ceiling", stoppedRounds);
        p.note("min_steps", taken);
    }
}
