package org.lethe.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Mlp;
import org.lethe.nn.ParameterHash;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

class AdamFusedTest {

    private static String train(boolean fused, Adam.EpsilonPlacement placement, double wd, boolean decoupled) {
        Mlp model = new Mlp(Real32.INSTANCE, new Rng(3), 12, 9, 4);
        Adam adam = Adam.builder(model.trainableParameters()).learningRate(0.01).betas(0.85, 0.99).eps(1e-3)
                .weightDecay(wd).decoupledWeightDecay(decoupled).epsilonPlacement(placement).build();
        adam.fused = fused;
        Rng data = new Rng(5);
        for (int step = 0; step < 25; step++) {
            double[] x = new double[8 * 12];
            for (int i = 0; i < x.length; i++) {
                x[i] = data.nextGaussian();
            }
            int[] y = new int[8];
            for (int i = 0; i < 8; i++) {
                y[i] = data.nextInt(4);
            }
            Tensor loss = Functional.crossEntropy(model.forward(Tensor.constant(NDArray.of(Real32.INSTANCE, x, 8, 12))), y);
            adam.zeroGrad();
            loss.backward();
            adam.step();
        }
        return ParameterHash.of(model);
    }

    @ParameterizedTest
    @CsvSource({"EPS_OUTSIDE_SQRT,0,false", "EPS_INSIDE_SQRT,0,false", "EPS_OUTSIDE_SQRT,0.01,false",
            "EPS_OUTSIDE_SQRT,0.01,true", "EPS_INSIDE_SQRT,0.05,true"})
    void fusedFloatUpdateIsBitIdenticalToTheGenericOne(Adam.EpsilonPlacement placement, double wd, boolean decoupled) {
        assertThat(train(true, placement, wd, decoupled)).isEqualTo(train(false, placement, wd, decoupled));
    }

    @ParameterizedTest
    @CsvSource({"EPS_OUTSIDE_SQRT", "EPS_INSIDE_SQRT"})
    void theTwoPlacementsDiffer(Adam.EpsilonPlacement placement) {
        Adam.EpsilonPlacement other = placement == Adam.EpsilonPlacement.EPS_INSIDE_SQRT
                ? Adam.EpsilonPlacement.EPS_OUTSIDE_SQRT : Adam.EpsilonPlacement.EPS_INSIDE_SQRT;
        assertThat(train(true, placement, 0, false)).isNotEqualTo(train(true, other, 0, false));
    }
}
