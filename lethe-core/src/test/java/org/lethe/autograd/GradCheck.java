package org.lethe.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

/**
 * Central finite-difference check of reverse-mode gradients in F64. The scalar checked is
 * {@code sum(f(inputs) * r)} for a fixed random {@code r}, so every output element's gradient path is exercised.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** Random F64 values in [-1, 1]. */
    public static NDArray random(Rng rng, int... shape) {
        int n = org.lethe.tensor.Shapes.size(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return NDArray.of(Real64.INSTANCE, v, shape);
    }

    /** Asserts that analytic and numeric gradients agree to {@code tol} relative error for every input. */
    public static void check(String name, Function<List<Tensor>, Tensor> f, double tol, NDArray... inputs) {
        Rng rng = new Rng(99);
        List<Tensor> params = new java.util.ArrayList<>();
        for (NDArray x : inputs) {
            params.add(Tensor.parameter(x.copy()));
        }
        NDArray probe = null;
        Tensor out = f.apply(params);
        probe = random(rng, out.shape());
        Tensor probeT = Tensor.constant(probe);
        Tensor loss = out.mul(probeT).sum();
        List<NDArray> analytic = Autograd.gradients(loss, params);
        double h = 1e-6;
        for (int p = 0; p < inputs.length; p++) {
            NDArray base = inputs[p];
            double[] values = base.toDoubles();
            double[] numeric = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                double saved = values[i];
                values[i] = saved + h;
                double up = evaluate(f, inputs, p, values, probeT);
                values[i] = saved - h;
                double down = evaluate(f, inputs, p, values, probeT);
                values[i] = saved;
                numeric[i] = (up - down) / (2 * h);
            }
            double[] a = analytic.get(p).toDoubles();
            double num = 0;
            double den = 0;
            for (int i = 0; i < a.length; i++) {
                num += (a[i] - numeric[i]) * (a[i] - numeric[i]);
                den += numeric[i] * numeric[i] + a[i] * a[i];
            }
            double rel = den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
            assertThat(rel).as(name + ": relative gradient error of input " + p).isLessThan(tol);
        }
    }

    private static double evaluate(Function<List<Tensor>, Tensor> f, NDArray[] inputs, int which, double[] values,
                                   Tensor probe) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            List<Tensor> args = new java.util.ArrayList<>();
            for (int j = 0; j < inputs.length; j++) {
                NDArray v = j == which ? NDArray.of(Real64.INSTANCE, values, inputs[j].shape()) : inputs[j];
                args.add(Tensor.constant(v));
            }
            return f.apply(args).mul(probe).sum().item();
        }
    }
}
