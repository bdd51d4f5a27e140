package org.lethe.unlearn;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.train.GradientMask;

/**
 * SalUn (Fan et al. 2024, "SalUn: empowering machine unlearning via gradient-based weight saliency"): the
 * weights whose forget-set loss gradient is largest in magnitude (the top {@code mask_fraction} over the whole
 * model, half by default as in the paper) are the salient ones; random-label fine-tuning ({@link
 * RandomLabelUnlearning}) then moves only them, leaving the rest of the model as it was.
 */
public final class SalUnUnlearning {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("salun")
            .approximate(SalUnUnlearning::apply)
            .parameter(StepSettings.stepsFraction(0.1, "optimiser steps"))
            .parameter(StepSettings.learningRate(1))
            .parameter(MethodParameter.real("mask_fraction", 0.5,
                    "share of the weights, by forget-gradient magnitude, that may move"))
            .summary("approximate: random-label fine-tuning of the weights salient to the forget set (SalUn)")
            .build();

    private SalUnUnlearning() {
    }

    private static void apply(ForgetProblem p) {
        int steps = StepSettings.steps(p);
        double fraction = p.settings().real("mask_fraction");
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("mask_fraction must be in (0, 1], got " + fraction);
        }
        GradientMask mask = saliencyMask(p, fraction);
        RandomLabelUnlearning.relabelAndFineTune(p, steps,
                StepSettings.rate(p, 1), mask);
        p.note("steps", steps);
        p.note("mask_fraction", fraction);
    }

    /**
     * 1 for the {@code fraction} of trainable weights with the largest forget-loss gradient magnitude, else 0;
     * weights with a zero gradient are never salient, so fewer may be kept.
     */
    static GradientMask saliencyMask(ForgetProblem p, double fraction) {
        Module model = (Module) p.model();
        List<Tensor> params = model.trainableParameters();
        model.zeroGrad();
        UnlearningLosses.crossEntropy(p.model(), p.trainTask(), p.forget()).backward();
        double[][] magnitudes = new double[params.size()][];
        int total = 0;
        for (int i = 0; i < params.size(); i++) {
            NDArray g = params.get(i).grad();
            magnitudes[i] = g == null ? new double[(int) params.get(i).value().size()] : g.toDoubles();
            for (int j = 0; j < magnitudes[i].length; j++) {
                magnitudes[i][j] = Math.abs(magnitudes[i][j]);
            }
            total += magnitudes[i].length;
        }
        model.zeroGrad();
        double[] all = new double[total];
        int k = 0;
        for (double[] m : magnitudes) {
            System.arraycopy(m, 0, all, k, m.length);
            k += m.length;
        }
        Arrays.sort(all);
        int keep = Math.max(1, (int) Math.round(fraction * total));
        double threshold = all[total - keep];
        Map<Tensor, NDArray> factors = new IdentityHashMap<>();
        int salient = 0;
        for (int i = 0; i < params.size(); i++) {
            double[] f = new double[magnitudes[i].length];
            for (int j = 0; j < f.length; j++) {
                // Weights the forget set does not reach (inputs that are zero on every forget example, dead units)
                // have no saliency, however many of them there are.
                f[j] = magnitudes[i][j] >= threshold && magnitudes[i][j] > 0 ? 1 : 0;
                salient += (int) f[j];
            }
            factors.put(params.get(i), NDArray.of(params.get(i).algebra(), f, params.get(i).shape()));
        }
        p.note("salient_weights", salient);
        return GradientMask.of(factors);
    }
}
