package org.lethe.optim;

import java.util.List;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;

/**
 * Adam and AdamW, following PyTorch's formulation. For each parameter, at its {@code t}-th update:
 * <pre>
 *   g = grad (+ wd * p          for coupled L2 decay, Adam)
 *   p = p * (1 - lr * wd)       for decoupled decay (AdamW), before the moment update
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)     (m_hat = m, v_hat = v without bias correction)
 *   p -= lr * m_hat / (sqrt(v_hat) + eps)    EPS_OUTSIDE_SQRT (PyTorch)
 *   p -= lr * m_hat / sqrt(v_hat + eps)      EPS_INSIDE_SQRT
 * </pre>
 * Moments are {@link NDArray}s in the parameter's algebra, so the update is the same code in any algebra.
 * Each parameter keeps its own step count {@code t}, which advances only when that parameter has a gradient,
 * as in PyTorch. Build with {@link #builder}; {@link #adamW} gives PyTorch's AdamW defaults.
 */
public final class Adam extends Optimizer {

    /** Where the stabilising epsilon enters the denominator. */
    public enum EpsilonPlacement {
        /** {@code sqrt(v_hat) + eps}, as in PyTorch and the Adam paper. */
        EPS_OUTSIDE_SQRT,
        /** {@code sqrt(v_hat + eps)}, as in some papers and implementations. */
        EPS_INSIDE_SQRT
    }

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupledWeightDecay;
    private final boolean biasCorrection;
    private final EpsilonPlacement epsilonPlacement;
    private final NDArray[] firstMoment;
    private final NDArray[] secondMoment;
    private final long[] paramSteps;
    /** False forces the generic path (tests compare the two). */
    boolean fused = true;

    private Adam(Builder b) {
        super(b.params, b.learningRate);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
        this.decoupledWeightDecay = b.decoupledWeightDecay;
        this.biasCorrection = b.biasCorrection;
        this.epsilonPlacement = b.epsilonPlacement;
        int n = params.size();
        this.firstMoment = new NDArray[n];
        this.secondMoment = new NDArray[n];
        this.paramSteps = new long[n];
    }

    /** A builder with PyTorch's Adam defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    /** PyTorch's Adam defaults with the given learning rate. */
    public static Adam adam(List<Tensor> params, double learningRate) {
        return builder(params).learningRate(learningRate).build();
    }

    /** AdamW: PyTorch's defaults with decoupled weight decay of the given strength. */
    public static Adam adamW(List<Tensor> params, double learningRate, double weightDecay) {
        return builder(params).learningRate(learningRate).weightDecay(weightDecay).decoupledWeightDecay(true).build();
    }

    @Override
    protected void update(int i, NDArray p, NDArray grad) {
        if (fused && p.storage() instanceof org.lethe.tensor.FloatStorage
                && grad.storage() instanceof org.lethe.tensor.FloatStorage) {
            updateFloat(i, p, grad);
            return;
        }
        updateGeneric(i, p, grad);
    }

    /** The algebra-generic update, written with array operations; any algebra (series included) takes this path. */
    void updateGeneric(int i, NDArray p, NDArray grad) {
        // The gradient array may be shared with other tensors of the tape, so it is never modified.
        NDArray g = grad;
        if (weightDecay != 0) {
            if (decoupledWeightDecay) {
                p.scaleInPlace(1.0 - learningRate() * weightDecay);
            } else {
                g = g.copy().axpyInPlace(weightDecay, p);
            }
        }
        if (firstMoment[i] == null) {
            firstMoment[i] = NDArray.zeros(p.algebra(), p.shape());
            secondMoment[i] = NDArray.zeros(p.algebra(), p.shape());
        }
        long t = ++paramSteps[i];
        NDArray m = firstMoment[i].scaleInPlace(beta1).axpyInPlace(1.0 - beta1, g);
        NDArray v = secondMoment[i].scaleInPlace(beta2).axpyInPlace(1.0 - beta2, g.mul(g));
        double correction1 = biasCorrection ? 1.0 - StrictMath.pow(beta1, t) : 1.0;
        double correction2 = biasCorrection ? 1.0 - StrictMath.pow(beta2, t) : 1.0;
        NDArray denominator = epsilonPlacement == EpsilonPlacement.EPS_OUTSIDE_SQRT
                ? v.sqrt().affine(1.0 / Math.sqrt(correction2), eps)
                : v.affine(1.0 / correction2, eps).sqrt();
        p.axpyInPlace(-learningRate() / correction1, m.div(denominator));
    }

    /**
     * The same update as {@link #updateGeneric} for F32 arrays in one pass, with the same float operations in the
     * same order, so results are bit-identical; it avoids five temporary arrays per parameter and step.
     */
    private void updateFloat(int i, NDArray p, NDArray grad) {
        if (firstMoment[i] == null) {
            firstMoment[i] = NDArray.zeros(p.algebra(), p.shape());
            secondMoment[i] = NDArray.zeros(p.algebra(), p.shape());
        }
        long t = ++paramSteps[i];
        float[] pa = FusedArrays.of(p);
        float[] ga = FusedArrays.of(grad);
        float[] ma = FusedArrays.of(firstMoment[i]);
        float[] va = FusedArrays.of(secondMoment[i]);
        int n = p.size();
        boolean decayWeights = weightDecay != 0 && decoupledWeightDecay;
        boolean decayGradient = weightDecay != 0 && !decoupledWeightDecay;
        float pDecay = (float) (1.0 - learningRate() * weightDecay);
        float gDecay = (float) weightDecay;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1.0 - beta1);
        float oneMinusB2 = (float) (1.0 - beta2);
        double correction1 = biasCorrection ? 1.0 - StrictMath.pow(beta1, t) : 1.0;
        double correction2 = biasCorrection ? 1.0 - StrictMath.pow(beta2, t) : 1.0;
        boolean outside = epsilonPlacement == EpsilonPlacement.EPS_OUTSIDE_SQRT;
        float denomScale = (float) (outside ? 1.0 / Math.sqrt(correction2) : 1.0 / correction2);
        float epsF = (float) eps;
        float step = (float) (-learningRate() / correction1);
        FusedArrays.forRanges(n, (from, to) -> {
            for (int k = from; k < to; k++) {
                float g = ga[k];
                if (decayWeights) {
                    pa[k] = pa[k] * pDecay + 0f;
                } else if (decayGradient) {
                    g += gDecay * pa[k];
                }
                float m = ma[k] * b1 + 0f;
                m += oneMinusB1 * g;
                ma[k] = m;
                float gg = g * g;
                float v = va[k] * b2 + 0f;
                v += oneMinusB2 * gg;
                va[k] = v;
                float den = outside ? (float) Math.sqrt(v) * denomScale + epsF
                        : (float) Math.sqrt(v * denomScale + epsF);
                pa[k] += step * (m / den);
            }
        });
        FusedArrays.writeBack(pa, p);
        FusedArrays.writeBack(ma, firstMoment[i]);
        FusedArrays.writeBack(va, secondMoment[i]);
    }

    /** Moments {@code m.<i>}, {@code v.<i>} and per-parameter step counts {@code t.<i>} (as F64 scalars). */
    @Override
    public java.util.Map<String, NDArray> state() {
        java.util.Map<String, NDArray> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < firstMoment.length; i++) {
            if (firstMoment[i] != null) {
                out.put("m." + i, firstMoment[i]);
                out.put("v." + i, secondMoment[i]);
                out.put("t." + i, NDArray.scalar(org.lethe.tensor.Real64.INSTANCE, paramSteps[i]));
            }
        }
        return out;
    }

    @Override
    protected void restore(java.util.Map<String, NDArray> state) {
        for (int i = 0; i < firstMoment.length; i++) {
            NDArray m = state.get("m." + i);
            if (m == null) {
                firstMoment[i] = null;
                secondMoment[i] = null;
                paramSteps[i] = 0;
                continue;
            }
            NDArray v = state.get("v." + i);
            NDArray t = state.get("t." + i);
            if (v == null || t == null) {
                throw new IllegalArgumentException("optimiser state for parameter " + i + " is incomplete");
            }
            setState(i, m, v, (long) t.item());
        }
    }

    /**
     * The first moment {@code m} of parameter {@code i}, or null before its first update (for checkpoints). This is
     * the live array that later steps update in place; copy it to keep a snapshot.
     */
    public NDArray firstMoment(int i) {
        return firstMoment[i];
    }

    /** The second moment {@code v} of parameter {@code i}, or null before its first update; live like {@link #firstMoment}. */
    public NDArray secondMoment(int i) {
        return secondMoment[i];
    }

    /** How many updates parameter {@code i} has received (the {@code t} of its bias correction). */
    public long parameterSteps(int i) {
        return paramSteps[i];
    }

    /**
     * Restores the state of parameter {@code i} from a checkpoint. Moments must match the parameter's shape and
     * algebra; they are copied, so the caller keeps ownership of its arrays.
     */
    public void setState(int i, NDArray first, NDArray second, long steps) {
        NDArray p = params.get(i).value();
        requireLike(p, first, "first moment", i);
        requireLike(p, second, "second moment", i);
        if (steps < 0) {
            throw new IllegalArgumentException("negative step count " + steps + " for parameter " + i);
        }
        firstMoment[i] = first.copy();
        secondMoment[i] = second.copy();
        paramSteps[i] = steps;
    }

    private static void requireLike(NDArray p, NDArray state, String what, int i) {
        if (!java.util.Arrays.equals(p.shape(), state.shape()) || p.algebra() != state.algebra()) {
            throw new IllegalArgumentException(what + " of parameter " + i + " is " + state
                    + " but the parameter is " + p.algebra().name() + " " + java.util.Arrays.toString(p.shape()));
        }
    }

    /** Decay rate of the first moment. */
    public double beta1() {
        return beta1;
    }

    /** Decay rate of the second moment. */
    public double beta2() {
        return beta2;
    }

    /** The stabilising epsilon of the denominator. */
    public double eps() {
        return eps;
    }

    /** Weight decay strength (0 for none). */
    public double weightDecay() {
        return weightDecay;
    }

    /** True for AdamW's decoupled decay, false for L2 decay added to the gradient. */
    public boolean decoupledWeightDecay() {
        return decoupledWeightDecay;
    }

    /** Whether the moments are divided by {@code 1 - beta^t}. */
    public boolean biasCorrection() {
        return biasCorrection;
    }

    /** Where epsilon enters the denominator. */
    public EpsilonPlacement epsilonPlacement() {
        return epsilonPlacement;
    }

    /** Options for {@link Adam}, starting from PyTorch's defaults. */
    public static final class Builder {
        private final List<Tensor> params;
        private double learningRate = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 0.0;
        private boolean decoupledWeightDecay = false;
        private boolean biasCorrection = true;
        private EpsilonPlacement epsilonPlacement = EpsilonPlacement.EPS_OUTSIDE_SQRT;

        private Builder(List<Tensor> params) {
            this.params = List.copyOf(params);
        }

        /** Learning rate (default 1e-3). */
        public Builder learningRate(double lr) {
            if (!(lr >= 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("learning rate must be finite and >= 0: " + lr);
            }
            this.learningRate = lr;
            return this;
        }

        /** Decay rates of the first and second moments, each in [0, 1). */
        public Builder betas(double beta1, double beta2) {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("betas must be in [0, 1): " + beta1 + ", " + beta2);
            }
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Stabilising epsilon (default 1e-8); see {@link #epsilonPlacement}. */
        public Builder eps(double eps) {
            if (!(eps >= 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("eps must be finite and >= 0: " + eps);
            }
            this.eps = eps;
            return this;
        }

        /** Weight decay strength; coupled L2 (Adam) unless {@link #decoupledWeightDecay} is set. */
        public Builder weightDecay(double weightDecay) {
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weight decay must be finite and >= 0: " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return this;
        }

        /** True for AdamW: decay shrinks the parameter directly instead of entering the moments. */
        public Builder decoupledWeightDecay(boolean decoupled) {
            this.decoupledWeightDecay = decoupled;
            return this;
        }

        /** Divide the moments by {@code 1 - beta^t} (default on). */
        public Builder biasCorrection(boolean on) {
            this.biasCorrection = on;
            return this;
        }

        /** Where epsilon enters the denominator (default {@link EpsilonPlacement#EPS_OUTSIDE_SQRT}, as PyTorch). */
        public Builder epsilonPlacement(EpsilonPlacement placement) {
            if (placement == null) {
                throw new IllegalArgumentException("epsilon placement must not be null");
            }
            this.epsilonPlacement = placement;
            return this;
        }

        /** An optimiser with these options. */
        public Adam build() {
            return new Adam(this);
        }
    }
}
