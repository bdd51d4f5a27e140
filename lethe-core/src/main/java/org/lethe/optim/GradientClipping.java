package org.lethe.optim;

import java.util.List;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;

/**
 * Gradient clipping applied to accumulated gradients between {@code backward()} and {@code step()}. Clipped
 * gradients replace the old arrays through {@link Tensor#setGrad} rather than being modified in place, because a
 * gradient array can be shared by several tensors of the tape. Parameters without a gradient are skipped.
 *
 * <p>Decisions (the global norm, which elements exceed the limit) use each element's real key, so in an algebra
 * of series they depend only on the constant terms and the clipping factor is treated as a constant.
 */
public final class GradientClipping {
    /** Added to the norm before dividing, as in PyTorch, so a norm at the limit is not divided by itself. */
    private static final double NORM_EPS = 1e-6;

    private GradientClipping() {
    }

    /** The L2 norm of all gradients together, as if they were one vector. */
    public static double globalNorm(List<Tensor> params) {
        double sumSquares = 0.0;
        for (Tensor p : params) {
            NDArray g = p.grad();
            if (g != null) {
                sumSquares += g.mul(g).sumAll().item();
            }
        }
        return Math.sqrt(sumSquares);
    }

    /**
     * Scales every gradient by {@code maxNorm / (norm + 1e-6)} when the global L2 norm exceeds {@code maxNorm}
     * (PyTorch's {@code clip_grad_norm_}). A non-finite norm leaves the gradients untouched so that the caller
     * can see it and skip the step.
     *
     * @return the global norm before clipping
     */
    public static double clipByGlobalNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("max gradient norm must be finite and > 0: " + maxNorm);
        }
        double norm = globalNorm(params);
        if (!Double.isFinite(norm) || norm <= maxNorm) {
            return norm;
        }
        double scale = maxNorm / (norm + NORM_EPS);
        for (Tensor p : params) {
            if (p.grad() != null) {
                p.setGrad(p.grad().mul(scale));
            }
        }
        return norm;
    }

    /** Clamps every gradient element to {@code [-limit, limit]} (PyTorch's {@code clip_grad_value_}). */
    public static void clipByValue(List<Tensor> params, double limit) {
        if (!(limit >= 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("gradient clip value must be finite and >= 0: " + limit);
        }
        for (Tensor p : params) {
            if (p.grad() != null) {
                p.setGrad(clamp(p.grad(), limit));
            }
        }
    }

    /**
     * {@code clamp(g, -limit, limit)} from 0/1 masks: each output element is exactly one of {@code g},
     * {@code limit} or {@code -limit}, with no rounding from subtracting the excess.
     */
    private static NDArray clamp(NDArray g, double limit) {
        NDArray ones = NDArray.full(g.algebra(), 1.0, g.shape());
        NDArray above = g.add(-limit).selectPositive(ones);
        NDArray below = g.neg().add(-limit).selectPositive(ones);
        NDArray inside = above.add(below).affine(-1.0, 1.0);
        return g.mul(inside).add(above.mul(limit)).sub(below.mul(limit));
    }
}
