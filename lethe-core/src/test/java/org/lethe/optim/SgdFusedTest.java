package org.lethe.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lethe.nn.Mlp;

class SgdFusedTest {

    private static String train(boolean fused, double momentum, boolean nesterov, double wd) {
        Mlp model = TinyTraining.model();
        Sgd sgd = new Sgd(model.trainableParameters(), 0.05, momentum, nesterov, wd);
        sgd.fused = fused;
        return TinyTraining.train(model, sgd);
    }

    @ParameterizedTest
    @CsvSource({"0.9,false,0", "0.9,true,0", "0.5,false,0.01", "0.9,true,0.001"})
    void fusedFloatUpdateIsBitIdenticalToTheGenericOne(double momentum, boolean nesterov, double wd) {
        assertThat(train(true, momentum, nesterov, wd)).isEqualTo(train(false, momentum, nesterov, wd));
        assertThat(train(true, momentum, nesterov, wd)).isNotEqualTo(train(true, 0.0, false, 0.0));
    }
}
