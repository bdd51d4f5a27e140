package org.lethe.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lethe.nn.Mlp;

class AdamFusedTest {

    private static String train(boolean fused, Adam.EpsilonPlacement placement, double wd, boolean decoupled) {
        Mlp model = TinyTraining.model();
        Adam adam = Adam.builder(model.trainableParameters()).learningRate(0.01).betas(0.85, 0.99).eps(1e-3)
                .weightDecay(wd).decoupledWeightDecay(decoupled).epsilonPlacement(placement).build();
        adam.fused = fused;
        return TinyTraining.train(model, adam);
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
