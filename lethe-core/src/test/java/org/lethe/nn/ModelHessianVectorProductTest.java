package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.lethe.autograd.Functional;
import org.lethe.autograd.HessianVectorProduct;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

/** Hessian-vector products through a model that owns its parameters agree with those through a plain function. */
class ModelHessianVectorProductTest {
    private static final Algebra F64 = Real64.INSTANCE;

    @Test
    void aModelBuiltInTheProductsAlgebraGivesTheSameProductAsTheSameLossWrittenOut() {
        Mlp source = new Mlp(F64, new Rng(1), 4, 6, 3);
        Mlp twin = new Mlp(HessianVectorProduct.algebra(), new Rng(9), 4, 6, 3);
        Rng rng = new Rng(2);
        List<NDArray> values = new ArrayList<>();
        List<NDArray> direction = new ArrayList<>();
        for (Tensor p : source.namedParameters().values()) {
            values.add(p.value());
            double[] v = new double[p.value().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian();
            }
            direction.add(NDArray.of(F64, v, p.shape()));
        }
        double[] inputs = new double[8 * 4];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = rng.nextGaussian();
        }
        int[] targets = {0, 2, 1, 1, 0, 2, 2, 0};
        List<Tensor> twinParams = new ArrayList<>(twin.namedParameters().values());
        HessianVectorProduct.Result viaModel = HessianVectorProduct.compute(() -> Functional.crossEntropy(
                twin.forward(Tensor.constant(NDArray.of(HessianVectorProduct.algebra(), inputs, 8, 4))), targets),
                twinParams, values, direction);
        HessianVectorProduct.Result written = HessianVectorProduct.compute(ps -> {
            Tensor x = Tensor.constant(NDArray.of(ps.get(0).algebra(), inputs, 8, 4));
            Tensor h = x.matmul(ps.get(0), false, true).add(ps.get(1)).relu();
            return Functional.crossEntropy(h.matmul(ps.get(2), false, true).add(ps.get(3)), targets);
        }, values, direction);
        assertThat(viaModel.loss()).isCloseTo(written.loss(), Offset.offset(1e-12));
        for (int i = 0; i < values.size(); i++) {
            double[] a = viaModel.product().get(i).toDoubles();
            double[] b = written.product().get(i).toDoubles();
            for (int j = 0; j < a.length; j++) {
                assertThat(a[j]).isCloseTo(b[j], Offset.offset(1e-12));
            }
        }
        assertThat(viaModel.directionalDerivative()).isNotZero();
    }

    @Test
    void parametersOutsideTheProductsAlgebraAreRefused() {
        Mlp plain = new Mlp(F64, new Rng(1), 2, 2);
        List<Tensor> params = new ArrayList<>(plain.namedParameters().values());
        List<NDArray> values = new ArrayList<>();
        for (Tensor p : params) {
            values.add(p.value());
        }
        assertThatThrownBy(() -> HessianVectorProduct.compute(() -> params.get(0).sum(), params, values, values))
                .hasMessageContaining("build the model in");
    }
}
