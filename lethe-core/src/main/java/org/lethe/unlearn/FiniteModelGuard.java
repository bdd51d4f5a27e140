package org.lethe.unlearn;

import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;

/**
 * Wraps every in-memory deletion algorithm so that it never hands back a model with non-finite weights: a loss that
 * is no longer finite stops the method at that step ({@link ForgetProblem#step}), and the weights are checked once
 * more when the method returns (its last step's update is not followed by another loss). Either way the method
 * fails with a {@link MethodDivergedException} that names the method, instead of a model whose logits are NaN.
 */
final class FiniteModelGuard {
    private FiniteModelGuard() {
    }

    /** {@code deletion}, stopped with a one-line error naming {@code method} if it diverges. */
    static ApproximateDeletion guarding(String method, ApproximateDeletion deletion) {
        return p -> {
            try {
                deletion.apply(p);
                String bad = firstNonFiniteParameter((Module) p.model());
                if (bad != null) {
                    throw new MethodDivergedException("parameter " + bad + " is not finite after "
                            + p.stepsTaken() + " optimiser steps; lower the method's learning_rate");
                }
            } catch (MethodDivergedException e) {
                throw new MethodDivergedException(method + " diverged: " + e.getMessage());
            }
        };
    }

    /** The name of the first parameter holding a NaN or an infinity, or null when all are finite. */
    static String firstNonFiniteParameter(Module model) {
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            for (double v : e.getValue().value().toDoubles()) {
                if (!Double.isFinite(v)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }
}
