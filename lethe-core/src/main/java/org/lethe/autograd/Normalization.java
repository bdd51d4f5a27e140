package org.lethe.autograd;

import java.util.Arrays;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Shapes;
import org.lethe.tensor.UnaryOp;

/**
 * Normalisation over the last axis as single differentiable operations. Each is one tape record with a closed
 * form gradient, which is cheaper than the chain of element-wise records the same formula would otherwise
 * produce, and it is written with {@link NDArray} operations so that it runs in any algebra.
 */
public final class Normalization {
    private Normalization() {
    }

    /**
     * RMS normalisation: {@code x * (mean(x^2) + eps)^(-1/2)}, the mean taken over the last axis, then multiplied
     * by {@code gain} (shape {@code [lastDim]}) when it is not null.
     */
    public static Tensor rmsNorm(Tensor x, Tensor gain, double eps) {
        NDArray v = x.value();
        int n = lastDim(v, gain, "rmsNorm");
        NDArray r = v.map(UnaryOp.SQUARE).sum(-1, true).affine(1.0 / n, eps).pow(-0.5);
        NDArray normalised = v.mul(r);
        NDArray gainValue = gain == null ? null : gain.value();
        NDArray out = gain == null ? normalised : normalised.mul(gainValue);
        Backward rule = (g, needs) -> {
            NDArray gn = gain == null ? g : g.mul(gainValue);
            NDArray gx = null;
            if (needs[0]) {
                // y = x r with dr/dx_j = -r^3 x_j / n, so gx = r g - x r^3 mean(g x).
                NDArray r3Mean = gn.mul(v).sum(-1, true).mul(r.pow(3.0)).mul(1.0 / n);
                gx = gn.mul(r).sub(v.mul(r3Mean));
            }
            NDArray gGain = gain != null && needs[1] ? g.mul(normalised).sumTo(gain.shape()) : null;
            return new NDArray[] {gx, gGain};
        };
        return gain == null ? Tensor.record("rms_norm", out, rule, x)
                : Tensor.record("rms_norm", out, rule, x, gain);
    }

    /**
     * Layer normalisation over the last axis with the biased variance (as PyTorch):
     * {@code (x - mean) * (var + eps)^(-1/2) * gain + bias}. {@code gain} and {@code bias} (shape
     * {@code [lastDim]}) may each be null.
     */
    public static Tensor layerNorm(Tensor x, Tensor gain, Tensor bias, double eps) {
        NDArray v = x.value();
        int n = lastDim(v, gain, "layerNorm");
        lastDim(v, bias, "layerNorm");
        NDArray centred = v.sub(v.sum(-1, true).mul(1.0 / n));
        NDArray r = centred.map(UnaryOp.SQUARE).sum(-1, true).affine(1.0 / n, eps).pow(-0.5);
        NDArray normalised = centred.mul(r);
        NDArray gainValue = gain == null ? null : gain.value();
        NDArray out = gain == null ? normalised : normalised.mul(gainValue);
        if (bias != null) {
            out = out.add(bias.value());
        }
        Tensor[] inputs = {x, gain, bias};
        int[] present = presentIndices(inputs);
        Backward rule = (g, needs) -> {
            boolean[] need = new boolean[3];
            for (int i = 0; i < present.length; i++) {
                need[present[i]] = needs[i];
            }
            NDArray[] grads = new NDArray[3];
            if (need[0]) {
                // With u = normalised: gx = r (gu - mean(gu) - u mean(gu u)).
                NDArray gu = gain == null ? g : g.mul(gainValue);
                NDArray meanG = gu.sum(-1, true).mul(1.0 / n);
                NDArray meanGu = gu.mul(normalised).sum(-1, true).mul(1.0 / n);
                grads[0] = gu.sub(meanG).sub(normalised.mul(meanGu)).mul(r);
            }
            if (need[1]) {
                grads[1] = g.mul(normalised).sumTo(gain.shape());
            }
            if (need[2]) {
                grads[2] = g.sumTo(bias.shape());
            }
            NDArray[] out2 = new NDArray[present.length];
            for (int i = 0; i < present.length; i++) {
                out2[i] = grads[present[i]];
            }
            return out2;
        };
        Tensor[] used = new Tensor[present.length];
        for (int i = 0; i < present.length; i++) {
            used[i] = inputs[present[i]];
        }
        return Tensor.record("layer_norm", out, rule, used);
    }

    private static int[] presentIndices(Tensor[] inputs) {
        int[] idx = new int[inputs.length];
        int k = 0;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null) {
                idx[k++] = i;
            }
        }
        return Arrays.copyOf(idx, k);
    }

    private static int lastDim(NDArray x, Tensor affine, String op) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException(op + " needs at least one axis, got a scalar");
        }
        int n = x.dim(-1);
        if (affine != null && (affine.rank() != 1 || affine.dim(0) != n)) {
            throw new IllegalArgumentException(op + " over last axis of " + n + " got gain/bias of shape "
                    + Shapes.str(affine.shape()));
        }
        if (affine != null && affine.algebra() != x.algebra()) {
            throw new IllegalArgumentException(op + " algebra mismatch: " + x.algebra().name() + " vs "
                    + affine.algebra().name());
        }
        return n;
    }
}
