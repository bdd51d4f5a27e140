package org.lethe.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class HessianVectorProductTest {
    private static final int N = 5;

    @Test
    void quadraticGivesItsKnownHessian() {
        Rng rng = new Rng(1);
        NDArray a = symmetric(rng, N);
        double[] b = GradCheck.random(rng, N).toDoubles();
        // f(x, y) = x^T A x / 2 + b.x + x.y, so H = [[A, I], [I, 0]] and grad = (A x + b + y, x).
        Function<List<Tensor>, Tensor> f = params -> {
            Tensor x = params.get(0);
            Tensor y = params.get(1);
            Algebra alg = x.algebra();
            Tensor ax = x.reshape(1, N).matmul(Tensor.constant(NDArray.of(alg, a.toDoubles(), N, N))).reshape(N);
            return x.mul(ax).sum().mul(0.5).add(x.mul(Tensor.constant(NDArray.of(alg, b, N))).sum())
                    .add(x.mul(y).sum());
        };
        NDArray x = GradCheck.random(rng, N);
        NDArray y = GradCheck.random(rng, N);
        NDArray vx = GradCheck.random(rng, N);
        NDArray vy = GradCheck.random(rng, N);
        HessianVectorProduct.Result r = HessianVectorProduct.compute(f, List.of(x, y), List.of(vx, vy));
        double[] avx = a.matmul(vx.reshape(N, 1)).reshape(N).toDoubles();
        double[] ax = a.matmul(x.reshape(N, 1)).reshape(N).toDoubles();
        double[] hvx = r.product().get(0).toDoubles();
        double[] hvy = r.product().get(1).toDoubles();
        double[] gx = r.gradient().get(0).toDoubles();
        double[] gy = r.gradient().get(1).toDoubles();
        double directional = 0;
        for (int i = 0; i < N; i++) {
            assertThat(hvx[i]).isCloseTo(avx[i] + vy.toDoubles()[i], Offset.offset(1e-13));
            assertThat(hvy[i]).isCloseTo(vx.toDoubles()[i], Offset.offset(1e-13));
            assertThat(gx[i]).isCloseTo(ax[i] + b[i] + y.toDoubles()[i], Offset.offset(1e-13));
            assertThat(gy[i]).isCloseTo(x.toDoubles()[i], Offset.offset(1e-13));
            directional += gx[i] * vx.toDoubles()[i] + gy[i] * vy.toDoubles()[i];
        }
        assertThat(r.directionalDerivative()).isCloseTo(directional, Offset.offset(1e-12));
        assertThat(r.loss()).isEqualTo(f.apply(List.of(Tensor.constant(x), Tensor.constant(y))).item());
    }

    @Test
    void mlpLossMatchesFiniteDifferencesOfGradients() {
        for (String activation : new String[] {"gelu", "tanh", "relu"}) {
            Rng rng = new Rng(2);
            List<NDArray> params = List.of(GradCheck.random(rng, 6, 4), GradCheck.random(rng, 6),
                    GradCheck.random(rng, 3, 6), GradCheck.random(rng, 3));
            List<NDArray> direction = new ArrayList<>();
            for (NDArray p : params) {
                direction.add(GradCheck.random(rng, p.shape()));
            }
            double[] inputs = GradCheck.random(rng, 8, 4).toDoubles();
            int[] targets = {0, 2, 1, 1, 0, 2, 2, 0};
            Function<List<Tensor>, Tensor> loss = ps -> {
                Tensor x = Tensor.constant(NDArray.of(ps.get(0).algebra(), inputs, 8, 4));
                Tensor h = x.matmul(ps.get(0), false, true).add(ps.get(1));
                h = activation.equals("gelu") ? h.gelu() : activation.equals("tanh") ? h.tanh() : h.relu();
                Tensor logits = h.matmul(ps.get(2), false, true).add(ps.get(3));
                return Functional.crossEntropy(logits, targets);
            };
            List<NDArray> hv = HessianVectorProduct.of(loss, params, direction);
            double eps = 1e-5;
            List<NDArray> up = gradient(loss, params, direction, eps);
            List<NDArray> down = gradient(loss, params, direction, -eps);
            double num = 0;
            double den = 0;
            for (int i = 0; i < params.size(); i++) {
                double[] a = hv.get(i).toDoubles();
                double[] u = up.get(i).toDoubles();
                double[] d = down.get(i).toDoubles();
                for (int j = 0; j < a.length; j++) {
                    double numeric = (u[j] - d[j]) / (2 * eps);
                    num += (a[j] - numeric) * (a[j] - numeric);
                    den += a[j] * a[j] + numeric * numeric;
                }
            }
            assertThat(den).as(activation + ": product is not trivially zero").isGreaterThan(1e-6);
            assertThat(Math.sqrt(num / den)).as(activation + ": relative error of H v").isLessThan(1e-6);
        }
    }

    @Test
    void mismatchedDirectionsAndForeignAlgebrasAreRefused() {
        NDArray p = GradCheck.random(new Rng(3), 3);
        Function<List<Tensor>, Tensor> square = ps -> ps.get(0).mul(ps.get(0)).sum();
        assertThatThrownBy(() -> HessianVectorProduct.of(square, List.of(p), List.of(GradCheck.random(new Rng(4), 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direction 0 has shape [2]");
        assertThatThrownBy(() -> HessianVectorProduct.of(square, List.of(p), List.of()))
                .hasMessageContaining("1 parameters but 0 direction arrays");
        Function<List<Tensor>, Tensor> foreign = ps -> Tensor.parameter(NDArray.scalar(Real64.INSTANCE, 1.0)).mul(2.0);
        assertThatThrownBy(() -> HessianVectorProduct.of(foreign, List.of(p), List.of(p)))
                .hasMessageContaining("parameters' algebra series1");
        Function<List<Tensor>, Tensor> vector = ps -> ps.get(0).mul(2.0);
        assertThatThrownBy(() -> HessianVectorProduct.of(vector, List.of(p), List.of(p)))
                .hasMessageContaining("scalar loss");
    }

    /** The F64 gradient at {@code params + eps * direction}. */
    private static List<NDArray> gradient(Function<List<Tensor>, Tensor> loss, List<NDArray> params,
                                          List<NDArray> direction, double eps) {
        List<Tensor> shifted = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            shifted.add(Tensor.parameter(params.get(i).copy().axpyInPlace(eps, direction.get(i))));
        }
        return Autograd.gradients(loss.apply(shifted), shifted);
    }

    private static NDArray symmetric(Rng rng, int n) {
        double[] m = GradCheck.random(rng, n, n).toDoubles();
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i * n + j] = m[i * n + j] + m[j * n + i];
            }
        }
        return NDArray.of(Real64.INSTANCE, s, n, n);
    }
}
