package org.lethe.train;

import java.util.IdentityHashMap;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;

/**
 * Per-parameter elementwise factors applied to gradients between backward and the optimiser step: 0/1 masks that
 * let only salient weights move (as SalUn does), or real-valued scalings. Parameters without a factor keep their
 * gradient. Factors are held in each parameter's algebra, converted once here rather than on every step.
 */
public final class GradientMask {
    private final Map<Tensor, NDArray> factors;

    private GradientMask(Map<Tensor, NDArray> factors) {
        this.factors = factors;
    }

    /** Factors by parameter tensor; each must have its parameter's shape. The arrays are copied. */
    public static GradientMask of(Map<Tensor, NDArray> factors) {
        Map<Tensor, NDArray> out = new IdentityHashMap<>();
        for (Map.Entry<Tensor, NDArray> e : factors.entrySet()) {
            out.put(e.getKey(), checked(e.getKey(), e.getValue(), "parameter"));
        }
        return new GradientMask(out);
    }

    /** Factors by full parameter name of {@code model} ({@link Module#namedParameters()}). */
    public static GradientMask byName(Module model, Map<String, NDArray> factors) {
        Map<String, Tensor> params = model.namedParameters();
        Map<Tensor, NDArray> out = new IdentityHashMap<>();
        for (Map.Entry<String, NDArray> e : factors.entrySet()) {
            Tensor p = params.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("gradient mask names " + e.getKey() + ", which is not a parameter of "
                        + model.getClass().getSimpleName());
            }
            out.put(p, checked(p, e.getValue(), e.getKey()));
        }
        return new GradientMask(out);
    }

    private static NDArray checked(Tensor p, NDArray factor, String name) {
        if (!java.util.Arrays.equals(p.shape(), factor.shape())) {
            throw new IllegalArgumentException("gradient mask of " + name + " has shape "
                    + java.util.Arrays.toString(factor.shape()) + ", the parameter " + java.util.Arrays.toString(p.shape()));
        }
        return factor.algebra() == p.algebra() ? factor.copy() : factor.to(p.algebra());
    }

    /** Multiplies the gradient of every masked parameter that has one by its factor. */
    public void apply(Iterable<Tensor> params) {
        for (Tensor p : params) {
            NDArray f = factors.get(p);
            if (f != null) {
                p.mulGrad(f);
            }
        }
    }

    /** The factor of {@code p}, or null when its gradient is left alone. */
    public NDArray factor(Tensor p) {
        return factors.get(p);
    }
}
