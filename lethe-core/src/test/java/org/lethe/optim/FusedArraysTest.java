package org.lethe.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;

/** Fused F32 updates of parameters that are views at an offset into a larger storage. */
class FusedArraysTest {

    /** Storage of 2 x 12 floats; the parameter is the second row, a view starting at element 12. */
    private static float[] trainSecondRow(Function<List<Tensor>, Optimizer> optimizer) {
        float[] storage = new float[24];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = (float) Math.sin(i + 1.0);
        }
        NDArray row = NDArray.wrap(storage, 2, 12).slice(0, 1, 2).reshape(12);
        assertThat(row.offset()).isEqualTo(12);
        Tensor p = Tensor.parameter(row);
        Optimizer opt = optimizer.apply(List.of(p));
        Tensor target = Tensor.constant(NDArray.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 12));
        for (int step = 0; step < 5; step++) {
            Tensor diff = p.sub(target);
            Tensor loss = diff.mul(diff).sum();
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        return storage;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void aParameterViewAtAnOffsetIsUpdatedInPlaceLikeTheGenericPath(String kind) {
        float[] fused = trainSecondRow(params -> make(kind, params, true));
        float[] generic = trainSecondRow(params -> make(kind, params, false));
        assertThat(fused).isEqualTo(generic);
        float[] untouched = trainSecondRow(params -> make(kind, params, true));
        // The first row is outside the parameter and must not move; the second row must have been trained.
        for (int i = 0; i < 12; i++) {
            assertThat(untouched[i]).isEqualTo((float) Math.sin(i + 1.0));
        }
        assertThat(Arrays.copyOfRange(fused, 12, 24)).isNotEqualTo(Arrays.copyOfRange(initial(), 12, 24));
    }

    private static float[] initial() {
        float[] storage = new float[24];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = (float) Math.sin(i + 1.0);
        }
        return storage;
    }

    private static Optimizer make(String kind, List<Tensor> params, boolean fused) {
        if (kind.equals("sgd")) {
            Sgd sgd = new Sgd(params, 0.05, 0.9, false, 0.01);
            sgd.fused = fused;
            return sgd;
        }
        Adam adam = Adam.builder(params).learningRate(0.1).weightDecay(0.01).build();
        adam.fused = fused;
        return adam;
    }
}
