package org.lethe.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.optim.GradientClipping;
import org.lethe.optim.Sgd;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

/** A weight's gradient array is reused between steps only when no one else can hold it. */
class GradientReuseTest {

    private static NDArray noise(long seed, int... shape) {
        Rng rng = new Rng(seed);
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = rng.nextGaussian();
        }
        return NDArray.of(Real32.INSTANCE, values, shape);
    }

    /** A linear layer's loss {@code sum((x W^T)^2)} for the batch drawn with {@code seed}. */
    private static Tensor loss(Tensor weight, long seed) {
        Tensor x = Tensor.constant(noise(seed, 5, 4));
        Tensor y = x.matmul(weight, false, true);
        return y.mul(y).sum();
    }

    private static NDArray freshGradient(NDArray weightValue, long seed) {
        Tensor w = Tensor.parameter(weightValue.copy());
        return Autograd.gradients(loss(w, seed), List.of(w)).get(0);
    }

    /** Releases {@code w}'s gradient, runs the next backward pass, and checks that {@code kept} did not change. */
    private static void assertUnchangedByTheNextStep(Tensor w, NDArray kept) {
        double[] before = kept.toDoubles();
        w.releaseGrad();
        loss(w, 3).backward();
        assertThat(kept.toDoubles()).containsExactly(before);
    }

    @Test
    void aReleasedWeightGradientReceivesTheNextStepsGradient() {
        Tensor w = Tensor.parameter(noise(1, 3, 4));
        Sgd opt = new Sgd(List.of(w), 0.0, 0.0);
        loss(w, 2).backward();
        NDArray first = w.grad();
        opt.zeroGrad();
        assertThat(w.grad()).isNull();
        loss(w, 3).backward();
        assertThat(w.grad()).isSameAs(first);
        assertThat(w.grad().toDoubles()).containsExactly(freshGradient(w.value(), 3).toDoubles());
    }

    @Test
    void aWeightUsedUntransposedAlsoReceivesItsGradientInTheReleasedArray() {
        Tensor w = Tensor.parameter(noise(1, 4, 3));
        Sgd opt = new Sgd(List.of(w), 0.0, 0.0);
        java.util.function.LongFunction<Tensor> loss = seed -> {
            Tensor y = Tensor.constant(noise(seed, 5, 4)).matmul(w);
            return y.mul(y).sum();
        };
        loss.apply(2).backward();
        NDArray first = w.grad();
        opt.zeroGrad();
        loss.apply(3).backward();
        assertThat(w.grad()).isSameAs(first);
        Tensor fresh = Tensor.parameter(w.value().copy());
        Tensor y = Tensor.constant(noise(3, 5, 4)).matmul(fresh);
        NDArray expected = Autograd.gradients(y.mul(y).sum(), List.of(fresh)).get(0);
        assertThat(w.grad().toDoubles()).containsExactly(expected.toDoubles());
    }

    @Test
    void aGradientSetFromOutsideIsNeverOverwritten() {
        Tensor w = Tensor.parameter(noise(1, 3, 4));
        NDArray mine = noise(9, 3, 4);
        w.setGrad(mine);
        assertUnchangedByTheNextStep(w, mine);
        assertThat(w.grad()).isNotSameAs(mine);
    }

    @Test
    void aClippedGradientIsNeverOverwritten() {
        Tensor w = Tensor.parameter(noise(1, 3, 4));
        loss(w, 2).backward();
        GradientClipping.clipByGlobalNorm(List.of(w), 1e-3);
        assertUnchangedByTheNextStep(w, w.grad());
    }

    @Test
    void aGradientReturnedByGradientsIsNeverOverwrittenLater() {
        Tensor w = Tensor.parameter(noise(1, 3, 4));
        loss(w, 2).backward();
        w.releaseGrad();
        NDArray handedOut = Autograd.gradients(loss(w, 3), List.of(w)).get(0);
        double[] before = handedOut.toDoubles();
        loss(w, 4).backward();
        w.releaseGrad();
        loss(w, 5).backward();
        assertThat(handedOut.toDoubles()).containsExactly(before);
        assertThat(w.grad().toDoubles()).containsExactly(freshGradient(w.value(), 5).toDoubles());
    }

    @Test
    void gradientsNeverWriteIntoAReleasedArrayAndLeaveItForTheNextBackwardPass() {
        Tensor w = Tensor.parameter(noise(1, 3, 4));
        loss(w, 2).backward();
        NDArray released = w.grad();
        w.releaseGrad();
        NDArray handedOut = Autograd.gradients(loss(w, 3), List.of(w)).get(0);
        assertThat(handedOut).isNotSameAs(released);
        loss(w, 4).backward();
        assertThat(w.grad()).isSameAs(released);
        assertThat(handedOut.toDoubles()).containsExactly(freshGradient(w.value(), 3).toDoubles());
    }

    @Test
    void aGradientSeenByALeafHookIsNeverOverwritten() {
        Tensor w = Tensor.parameter(noise(1, 3, 4));
        NDArray[] seen = new NDArray[1];
        w.registerGradHook(g -> seen[0] = g);
        loss(w, 2).backward();
        assertUnchangedByTheNextStep(w, seen[0]);
    }

    @Test
    void accumulatedGradientsAreSumsInFreshArrays() {
        Tensor w = Tensor.parameter(noise(1, 3, 4));
        loss(w, 2).backward();
        NDArray first = w.grad();
        double[] firstValues = first.toDoubles();
        loss(w, 3).backward();
        assertThat(w.grad()).isNotSameAs(first);
        assertThat(first.toDoubles()).containsExactly(firstValues);
        double[] expected = freshGradient(w.value(), 2).add(freshGradient(w.value(), 3)).toDoubles();
        assertThat(w.grad().toDoubles()).containsExactly(expected);
    }
}
