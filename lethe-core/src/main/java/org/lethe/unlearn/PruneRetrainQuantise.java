package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.train.TrainingStep;

/**
 * PRMQ, "prune, retrain, match, quantise" (4th place of the NeurIPS 2023 Machine Unlearning Challenge, as
 * DeepUnlearn, arXiv 2410.01276, re-implemented it): global magnitude (L1) pruning of the given share of all weights
 * and biases together, the pruned weights re-drawn from a fresh initialisation (pruned biases stay 0), fine-tuning
 * on retained data with a class-weighted cross-entropy (weights {@code count^-0.1}, a mild favour for rare classes)
 * plus the squared difference between the model's and the original's prediction entropies, example by example (so
 * the model keeps the original's confidence profile without copying its outputs), and a final rounding of every
 * parameter to half precision.
 *
 * <p>The winner pruned 99% of a ResNet-18's weights, whose batch normalisations keep the activations' scale whatever
 * the kernels hold; it fine-tuned for 3.2 epochs of a 30-epoch run ({@code steps_fraction} = 3.2/30) at 0.0005 over
 * the original's 0.1. An MLP has no normalisation to absorb that: on the memorising benchmark 99% pruning left a
 * test-accuracy ratio of 0.87 after the winner's fine-tuning (under the 0.9 no default may go below), 90% left 0.99,
 * so the default prunes 90%.
 */
public final class PruneRetrainQuantise {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("prmq")
            .approximate(PruneRetrainQuantise::apply)
            .parameter(MethodParameter.real("prune_fraction", 0.9,
                    "share of all weights and biases pruned by magnitude (weights re-drawn, biases zeroed)"))
            .parameter(MethodParameter.real("steps_fraction", 3.2 / 30.0,
                    "fine-tuning steps on retained data, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("rate", 0.005, "fine-tuning rate, as a fraction of the model's training rate"))
            .parameter(MethodParameter.real("class_weight_exponent", -0.1,
                    "class weights are the retained class counts to this power"))
            .summary("approximate: global magnitude pruning with pruned weights re-drawn, fine-tuning with class "
                    + "weights and entropy matching to the original, half-precision rounding (4th of the 2023 challenge)")
            .build();

    private PruneRetrainQuantise() {
    }

    private static void apply(ForgetProblem p) {
        MethodSettings s = p.settings();
        Module model = (Module) p.model();
        Map<String, Tensor> params = model.namedParameters();
        Map<String, Tensor> fresh = ((Module) p.freshModel(0)).namedParameters();
        List<String> names = new ArrayList<>(params.keySet());
        List<double[]> values = new ArrayList<>();
        for (String name : names) {
            values.add(params.get(name).value().toDoubles());
        }
        List<boolean[]> pruned = MagnitudeMasks.smallestAcross(values, s.real("prune_fraction"));
        int count = 0;
        for (int k = 0; k < names.size(); k++) {
            Tensor t = params.get(names.get(k));
            boolean[] mask = pruned.get(k);
            if (t.rank() >= 2) {
                LayerEdits.redraw(t, fresh.get(names.get(k)), mask);
            } else {
                LayerEdits.redraw(t, Tensor.constant(NDArray.zeros(t.algebra(), t.shape())), mask);
            }
            for (boolean b : mask) {
                count += b ? 1 : 0;
            }
        }
        ClassWeights weights = ClassWeights.powerOfCounts(p.train(), p.retain(), s.real("class_weight_exponent"));
        int steps = p.stepsFor(s.real("steps_fraction"));
        double rate = p.config().learningRate * s.real("rate");
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        for (int i = 0; i < steps; i++) {
            int[] batch = retain.next();
            p.step(stepper, rate, () -> {
                NDArray teacher = UnlearningLosses.teacherLogits(p.original(), p.trainTask(), batch);
                Tensor logits = UnlearningLosses.logits(p.model(), p.trainTask(), batch);
                return weights.crossEntropy(logits, p.train().labels(batch)).add(entropyGap(logits, teacher));
            });
        }
        for (Tensor t : params.values()) {
            t.value().assign(NDArray.of(t.algebra(), HalfPrecision.round(t.value().toDoubles()), t.shape()));
        }
        p.note("parameters_pruned", count);
        p.note("fine_tune_steps", steps);
    }

    /** Mean over the batch of (entropy of the model's prediction - entropy of the original's)^2. */
    private static Tensor entropyGap(Tensor logits, NDArray teacherLogits) {
        int n = logits.dim(0);
        Tensor logQ = Functional.logSoftmax(logits, 1);
        Tensor entropy = logQ.exp().mul(logQ).sum(1, false).neg();
        Tensor logT = Functional.logSoftmax(Tensor.constant(teacherLogits), 1);
        NDArray target = logT.value().exp().mul(logT.value()).sum(1, false).neg();
        Tensor gap = entropy.sub(Tensor.constant(target));
        return gap.mul(gap).sum().mul(1.0 / n);
    }
}
