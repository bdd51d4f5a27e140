package org.lethe.unlearn;

import java.util.Arrays;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;

/**
 * Scales a model's head so that its confidence on unseen examples is the original's: the one factor on the last
 * layer's weights and bias (every logit is multiplied by it, so no prediction changes) that makes the median
 * logit-scaled confidence {@code z_y - log sum_{j != y} exp z_j} over the validation examples equal to the
 * original's median there. Neither model trained on validation examples, so the factor carries the original's
 * confidence on unseen examples over to a model trained differently (shorter, or from another start). A model
 * that misclassifies at least half of the validation examples is left unscaled (factor 1).
 */
public final class ConfidenceCalibration {
    private static final int CHUNK = 512;
    private static final double LOWEST_FACTOR = 1.0 / 64;
    private static final double HIGHEST_FACTOR = 64;
    private static final int BISECTIONS = 60;

    private ConfidenceCalibration() {
    }

    /** Scales {@code p}'s model's head to the original's median validation confidence; returns the factor. */
    public static double matchOriginal(ForgetProblem p) {
        int[] examples = p.validation();
        int[] labels = p.heldOut().labels(examples);
        double target = median(logits(p, p.original(), examples), labels, 1);
        double[][] current = logits(p, p.model(), examples);
        if (median(current, labels, 1) <= 0) {
            // Most validation examples misclassified: scaling the logits up would lower the median, and no factor
            // reaches a positive target. Such a model is left as it is.
            return 1.0;
        }
        // The median confidence grows with the factor while most validation examples are classified correctly;
        // bisection in the factor's logarithm finds where it meets the target, or stops at an end of the range.
        double lo = Math.log(LOWEST_FACTOR);
        double hi = Math.log(HIGHEST_FACTOR);
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = (lo + hi) / 2;
            if (median(current, labels, Math.exp(mid)) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double factor = Math.exp((lo + hi) / 2);
        Module model = (Module) p.model();
        for (Tensor t : LayerEdits.parametersOf(model, LayerEdits.lastLayer(model)).values()) {
            t.value().scaleInPlace(factor);
        }
        return factor;
    }

    /** The logit-scaled confidence in {@code label} of {@code logits} multiplied by {@code factor}. */
    static double confidence(double[] logits, int label, double factor) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < logits.length; j++) {
            if (j != label) {
                max = Math.max(max, factor * logits[j]);
            }
        }
        double sum = 0;
        for (int j = 0; j < logits.length; j++) {
            if (j != label) {
                sum += Math.exp(factor * logits[j] - max);
            }
        }
        return factor * logits[label] - max - Math.log(sum);
    }

    private static double median(double[][] logits, int[] labels, double factor) {
        double[] c = new double[logits.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = confidence(logits[i], labels[i], factor);
        }
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    private static double[][] logits(ForgetProblem p, Layer which, int[] examples) {
        double[][] out = new double[examples.length][];
        for (int from = 0; from < examples.length; from += CHUNK) {
            int[] part = Arrays.copyOfRange(examples, from, Math.min(examples.length, from + CHUNK));
            NDArray l = p.logits(which, p.heldOutTask(), part);
            int classes = l.dim(1);
            double[] flat = l.toDoubles();
            for (int i = 0; i < part.length; i++) {
                out[from + i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
            }
        }
        return out;
    }
}
