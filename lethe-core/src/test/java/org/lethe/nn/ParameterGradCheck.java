package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.lethe.autograd.Autograd;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;

/** Central finite-difference check of a scalar loss's gradient with respect to F64 module parameters. */
final class ParameterGradCheck {
    private ParameterGradCheck() {
    }

    /** Asserts relative error below {@code tol} for each parameter; {@code loss} recomputes from current values. */
    static void check(String name, Supplier<Tensor> loss, double tol, List<Tensor> params) {
        List<NDArray> analytic = Autograd.gradients(loss.get(), params);
        double h = 1e-6;
        for (int p = 0; p < params.size(); p++) {
            NDArray value = params.get(p).value();
            double[] base = value.toDoubles();
            double[] numeric = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                numeric[i] = (evaluate(loss, value, base, i, h) - evaluate(loss, value, base, i, -h)) / (2 * h);
            }
            value.assign(NDArray.of(value.algebra(), base, value.shape()));
            double[] a = analytic.get(p).toDoubles();
            double num = 0;
            double den = 0;
            for (int i = 0; i < a.length; i++) {
                num += (a[i] - numeric[i]) * (a[i] - numeric[i]);
                den += numeric[i] * numeric[i] + a[i] * a[i];
            }
            assertThat(den).as(name + ": gradient of parameter " + p + " is not identically zero").isGreaterThan(0.0);
            assertThat(Math.sqrt(num / den)).as(name + ": relative gradient error of parameter " + p).isLessThan(tol);
        }
    }

    private static double evaluate(Supplier<Tensor> loss, NDArray value, double[] base, int i, double delta) {
        double[] v = base.clone();
        v[i] += delta;
        value.assign(NDArray.of(value.algebra(), v, value.shape()));
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return loss.get().item();
        }
    }
}
