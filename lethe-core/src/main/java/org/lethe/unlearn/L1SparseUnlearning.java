package org.lethe.unlearn;

import java.util.List;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.train.TrainingStep;

/**
 * l1-sparse fine-tuning (Jia et al. 2023, "Model sparsity can simplify machine unlearning"): fine-tunes on the
 * retained data with an L1 penalty on the weights whose strength decays linearly from {@code l1} to zero over the
 * run, so early steps push the model towards a sparse one (which the paper finds forgets more readily) and the
 * last steps are plain fine-tuning. The paper's CIFAR-10 setting (strength 5e-4, rate 0.01, 10 epochs, about 3,900
 * steps) shrinks every weight by rate x strength x steps / 2, about 0.01, over the run; the default strength
 * keeps that total at the default length and a rate of 0.1, the memorising benchmark's.
 */
public final class L1SparseUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("l1_sparse")
            .approximate(L1SparseUnlearning::apply)
            .parameter(StepSettings.stepsFraction(5.0 / 30.0, "optimiser steps on retained data"))
            .parameter(StepSettings.learningRate(1))
            .parameter(MethodParameter.real("l1", 0.002,
                    "strength of the L1 penalty at the first step, decaying linearly to 0 at the last"))
            .summary("approximate: retained-data fine-tuning with a linearly decaying L1 penalty (l1-sparse)")
            .build();

    private L1SparseUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int steps = StepSettings.steps(p);
        double rate = StepSettings.rate(p, 1);
        double l1 = p.settings().real("l1");
        if (!(l1 >= 0) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("l1 must be finite and >= 0, got " + l1);
        }
        List<Tensor> weights = ((Module) p.model()).trainableParameters();
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        for (int i = 0; i < steps; i++) {
            int[] batch = retain.next();
            double strength = l1 * (1 - i / (double) steps);
            p.step(stepper, rate, () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch)
                    .add(l1Norm(weights).mul(strength)));
        }
        p.note("steps", steps);
    }

    /** The sum of absolute values of the weights, |x| written as relu(x) + relu(-x) so it is differentiable. */
    private static Tensor l1Norm(List<Tensor> weights) {
        Tensor sum = null;
        for (Tensor w : weights) {
            Tensor a = w.relu().add(w.neg().relu()).sum();
            sum = sum == null ? a : sum.add(a);
        }
        return sum;
    }
}
