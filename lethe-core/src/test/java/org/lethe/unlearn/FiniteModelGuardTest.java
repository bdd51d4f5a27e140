package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.nn.Module;
import org.lethe.train.TrainingStep;

class FiniteModelGuardTest {
    @Test
    void aStepWhoseLossIsNotFiniteStopsTheMethodWithAOneLineErrorNamingTheStep() {
        ForgetProblem p = ForgetFixture.problem(FineTuneUnlearning.METHOD, Map.of("seed", 1));
        ApproximateDeletion overflows = q -> {
            TrainingStep stepper = q.stepper();
            q.step(stepper, 0.01, () -> UnlearningLosses.crossEntropy(q.model(), q.trainTask(), q.forget()));
            q.step(stepper, 0.01, () -> UnlearningLosses.crossEntropy(q.model(), q.trainTask(), q.forget())
                    .mul(Double.POSITIVE_INFINITY));
            throw new AssertionError("the method went on after a step with an infinite loss");
        };

        assertThatThrownBy(() -> FiniteModelGuard.guarding("overflows", overflows).apply(p))
                .isInstanceOf(MethodDivergedException.class)
                .hasMessageMatching("overflows diverged: the loss of optimiser step 2 is Infinity \\(rate 0\\.01\\); "
                        + "lower the method's learning_rate");
    }

    @Test
    void weightsLeftNonFiniteByTheLastStepAreCaughtWhenTheMethodReturns() {
        ApproximateDeletion poisons = p -> ((Module) p.model()).namedParameters().values().iterator().next()
                .value().fill(Double.NaN);
        ForgetProblem p = ForgetFixture.problem(FineTuneUnlearning.METHOD, Map.of("seed", 1));

        assertThatThrownBy(() -> FiniteModelGuard.guarding("poison", poisons).apply(p))
                .isInstanceOf(MethodDivergedException.class)
                .hasMessageMatching("poison diverged: parameter \\S+ is not finite after 0 optimiser steps; .*");
    }
}
