package org.lethe.unlearn;

import java.util.Arrays;
import org.lethe.nn.Layer;
import org.lethe.tensor.NDArray;
import org.lethe.train.TrainingStep;

/**
 * Bad Teacher (Chundawat et al. 2023, "Can bad teaching induce forgetting?"): the model is distilled from two
 * teachers at once, the original (competent) on retained examples and a randomly initialised model of the same
 * architecture (incompetent) on forget examples, so that it keeps its knowledge of the retained data and answers
 * the forget set as an untrained model would. As in the paper the distillation set is the forget set with a random
 * 30% of the retained examples, at temperature 1.
 */
public final class BadTeacherUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("bad_teacher")
            .approximate(BadTeacherUnlearning::apply)
            .parameter(StepSettings.stepsFraction(0.05, "optimiser steps"))
            .parameter(StepSettings.learningRate(1))
            .parameter(MethodParameter.real("retain_fraction", 0.3,
                    "share of the retained examples in the distillation set"))
            .parameter(MethodParameter.real("temperature", 1.0, "distillation temperature"))
            .summary("approximate: distils from the original on retained data and from a random model on the "
                    + "forget set (Bad Teacher)")
            .build();

    private BadTeacherUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int steps = StepSettings.steps(p);
        double rate = StepSettings.rate(p, 1);
        double share = p.settings().real("retain_fraction");
        double t = p.settings().real("temperature");
        if (!(share >= 0 && share <= 1) || !(t > 0)) {
            throw new IllegalArgumentException("bad_teacher needs 0 <= retain_fraction <= 1 and temperature > 0");
        }
        int[] retain = p.retain();
        int[] order = p.rng(0xBADL).permutation(retain.length);
        int kept = (int) Math.round(share * retain.length);
        int[] pool = Arrays.copyOf(p.forget(), p.forget().length + kept);
        for (int i = 0; i < kept; i++) {
            pool[p.forget().length + i] = retain[order[i]];
        }
        boolean[] forgotten = new boolean[p.train().size()];
        for (int i : p.forget()) {
            forgotten[i] = true;
        }
        Layer good = p.original();
        Layer bad = p.freshModel(0);
        ((org.lethe.nn.Module) bad).freeze();
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches batches = p.batches(pool, p.config().batchSize, 0);
        for (int i = 0; i < steps; i++) {
            int[] batch = batches.next();
            NDArray targets = mixedTeacherLogits(p, good, bad, batch, forgotten);
            p.step(stepper, rate, () -> UnlearningLosses.distillation(
                    UnlearningLosses.logits(p.model(), p.trainTask(), batch), targets, t));
        }
        p.note("steps", steps);
        p.note("distillation_examples", pool.length);
    }

    /** Row by row, the bad teacher's logits for forget examples and the good teacher's for the others. */
    private static NDArray mixedTeacherLogits(ForgetProblem p, Layer good, Layer bad, int[] batch,
                                              boolean[] forgotten) {
        double[] fromGood = UnlearningLosses.teacherLogits(good, p.trainTask(), batch).toDoubles();
        double[] fromBad = UnlearningLosses.teacherLogits(bad, p.trainTask(), batch).toDoubles();
        int classes = p.classCount();
        for (int i = 0; i < batch.length; i++) {
            if (forgotten[batch[i]]) {
                System.arraycopy(fromBad, i * classes, fromGood, i * classes, classes);
            }
        }
        return NDArray.of(p.algebra(), fromGood, batch.length, classes);
    }
}
