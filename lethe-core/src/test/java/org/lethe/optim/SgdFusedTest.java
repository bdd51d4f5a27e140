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

class SgdFusedTest {

    private static String train(boolean fused, double momentum, boolean nesterov, double wd) {
        Mlp model = new Mlp(Real32.INSTANCE, new Rng(3), 12, 9, 4);
        Sgd sgd = new Sgd(model.trainableParameters(), 0.05, momentum, nesterov, wd);
        sgd.fused = fused;
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
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
        }
        return ParameterHash.of(model);
    }

    @ParameterizedTest
    @CsvSource({"0.9,false,0", "0.9,true,0", "0.5,false,0.01", "0.9,true,0.001"})
    void fusedFloatUpdateIsBitIdenticalToTheGenericOne(double momentum, boolean nesterov, double wd) {
        assertThat(train(true, momentum, nesterov, wd)).isEqualTo(train(false, momentum, nesterov, wd));
        assertThat(train(true, momentum, nesterov, wd)).isNotEqualTo(train(true, 0.0, false, 0.0));
    }
}
