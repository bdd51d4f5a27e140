package org.lethe.unlearn;

import java.util.HashMap;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.tensor.NDArray;
import org.lethe.train.GradientMask;
import org.lethe.train.TrainingStep;

/**
 * MSG, masked small gradients (2nd place of the NeurIPS 2023 Machine Unlearning Challenge, as DeepUnlearn, arXiv
 * 2410.01276, re-implemented it). One gradient of the retain loss on a random retain subset as large as the forget
 * set minus the forget loss; in every weight tensor but the classifier head's, the {@code reinit_fraction} of
 * elements with the smallest gradient magnitude (those that matter least for telling the retained data from the
 * forget set) are re-drawn from a fresh initialisation, and every other element of those tensors has its gradient
 * damped to {@code damping} for the whole fine-tuning that follows; then cross-entropy on retained data with a
 * rate rising linearly to its peak at mid-run and falling back (the winner's per-epoch schedule, per step here).
 *
 * <p>The winner re-drew the convolution kernels of a ResNet-18 (its one linear layer, the head, untouched) with
 * Kaiming-normal values; here the weight tensors are the convolution kernels and the hidden linear layers' weight
 * matrices (so an MLP's first layers play the convolutions' part), and re-drawn values come from the
 * architecture's own initialiser. Defaults: 30% re-drawn, damping 0.1, 5 epochs of a 30-epoch run
 * ({@code steps_fraction} = 5/30), peak rate 0.001 over the original's 0.1 (0.01 of the model's training rate).
 */
public final class MaskedSmallGradients {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("msg")
            .approximate(MaskedSmallGradients::apply)
            .parameter(MethodParameter.real("reinit_fraction", 0.3,
                    "fraction of each weight tensor (head excluded) re-drawn: the elements with the smallest gradient"))
            .parameter(MethodParameter.real("damping", 0.1, "gradient factor of the elements kept"))
            .parameter(MethodParameter.real("steps_fraction", 5.0 / 30.0,
                    "fine-tuning steps on retained data, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("rate", 0.01,
                    "peak fine-tuning rate, as a fraction of the model's training rate"))
            .summary("approximate: re-draws the weights with the smallest retain-minus-forget gradient, damps the "
                    + "others' gradients and fine-tunes (2nd of the 2023 challenge)")
            .build();

    private MaskedSmallGradients() {
    }

    private static void apply(ForgetProblem p) {
        MethodSettings s = p.settings();
        double fraction = s.real("reinit_fraction");
        double damping = s.real("damping");
        if (!(damping >= 0 && damping <= 1)) {
            throw new IllegalArgumentException("damping must be in [0, 1], got " + damping);
        }
        Module model = (Module) p.model();
        Map<String, NDArray> gradients = retainMinusForgetGradient(p);
        Map<String, Tensor> fresh = ((Module) p.freshModel(0)).namedParameters();
        String head = LayerEdits.lastLayer(model);
        Map<String, NDArray> factors = new HashMap<>();
        int redrawn = 0;
        for (Map.Entry<String, Tensor> e : LayerEdits.weights(model).entrySet()) {
            if (e.getKey().startsWith(head + ".")) {
                continue;
            }
            Tensor w = e.getValue();
            boolean[] chosen = MagnitudeMasks.smallest(gradients.get(e.getKey()).toDoubles(), fraction);
            LayerEdits.redraw(w, fresh.get(e.getKey()), chosen);
            double[] factor = new double[chosen.length];
            for (int i = 0; i < chosen.length; i++) {
                factor[i] = chosen[i] ? 1.0 : damping;
                redrawn += chosen[i] ? 1 : 0;
            }
            factors.put(e.getKey(), NDArray.of(w.algebra(), factor, w.shape()));
        }
        int steps = p.stepsFor(s.real("steps_fraction"));
        double peak = p.config().learningRate * s.real("rate");
        LearningRateSchedule rate = rising(peak, steps);
        TrainingStep stepper = p.stepper().mask(GradientMask.byName(model, factors));
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        for (int i = 0; i < steps; i++) {
            int[] batch = retain.next();
            p.step(stepper, rate.rate(i), () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch));
        }
        p.note("weights_redrawn", redrawn);
        p.note("fine_tune_steps", steps);
    }

    /** Linear up to {@code peak} at mid-run, then linear down towards 0; no step has rate 0. */
    private static LearningRateSchedule rising(double peak, int steps) {
        int half = Math.max(1, (steps + 1) / 2);
        return step -> peak * Math.min(step + 1, steps + 1 - step) / (double) (half + 1);
    }

    /**
     * The gradient, per parameter name, of the summed batch losses on a random retain subset as large as the
     * forget set minus those on the forget set. Only gradients are computed; no weight moves.
     */
    private static Map<String, NDArray> retainMinusForgetGradient(ForgetProblem p) {
        int[] forget = p.forget();
        int[] retain = p.retain();
        int[] order = p.rng(1).permutation(retain.length);
        int[] subset = new int[Math.min(forget.length, retain.length)];
        for (int i = 0; i < subset.length; i++) {
            subset[i] = retain[order[i]];
        }
        int batchSize = p.config().batchSize;
        Module model = (Module) p.model();
        model.zeroGrad();
        Tensor loss = summedLoss(p, subset, batchSize).sub(summedLoss(p, forget, batchSize));
        loss.backward();
        Map<String, NDArray> out = new HashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            NDArray g = e.getValue().grad();
            out.put(e.getKey(), g == null ? NDArray.zeros(e.getValue().algebra(), e.getValue().shape()) : g.copy());
        }
        model.zeroGrad();
        return out;
    }

    private static Tensor summedLoss(ForgetProblem p, int[] examples, int batchSize) {
        Tensor total = null;
        for (int from = 0; from < examples.length; from += batchSize) {
            int[] batch = java.util.Arrays.copyOfRange(examples, from, Math.min(examples.length, from + batchSize));
            Tensor l = UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch);
            total = total == null ? l : total.add(l);
        }
        return total;
    }
}
