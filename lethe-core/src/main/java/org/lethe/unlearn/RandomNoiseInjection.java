package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.tensor.Rng;
import org.lethe.train.TrainingStep;

/**
 * RNI, "random noise injection" (7th place of the NeurIPS 2023 Machine Unlearning Challenge, as DeepUnlearn, arXiv
 * 2410.01276, re-implemented it). The head is reset to a fresh initialisation; then nine phases on retained data,
 * each with a fresh optimiser:
 * <ol>
 *   <li>one phase training only a random subset of the parameter tensors;</li>
 *   <li>four phases that each draw a new random subset, add Gaussian noise to two thirds of it, and train only it;</li>
 *   <li>four phases training everything, the last at a higher rate.</li>
 * </ol>
 * Each noisy, partial phase disturbs a different part of the network and lets the rest hold the retained
 * knowledge, so what only the forget set supported fades.
 *
 * <p>The winner drew 9 of a ResNet-18's 22 weight tensors (batch normalisations always trained, never noised) and
 * noised 6 of them with absolute standard deviation 0.04, about the scale of that network's trained kernels. Here
 * the subset is the same share of the model's parameter tensors ({@code 9/22}, at least one; two of the MLP
 * 784-256-10's four), two thirds of it are noised, and the noise is relative to each tensor's RMS value, 1 by
 * default (an absolute 0.04 is the scale of one network's weights, not every network's). Lengths: 9 epochs of a
 * 30-epoch run in nine equal phases. Rates: the winner's were 2e-4 for the first eight phases and 1e-3 for the last,
 * over the original's 0.1 (0.002 and 0.01 of the model's rate); at those, the reset head of an MLP is never
 * retrained (test-accuracy ratio 0.73 on the memorising benchmark, under the 0.9 no default may go below), so the
 * defaults are ten times higher (0.02 and 0.1; ratio 0.98). The winner's weight decay (5e-4) is left out.
 */
public final class RandomNoiseInjection {
    /** Phases: one reset phase, four noisy ones, four that train everything. */
    private static final int RESET_PHASES = 1;
    private static final int NOISY_PHASES = 4;
    private static final int FULL_PHASES = 4;

    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("rni")
            .approximate(RandomNoiseInjection::apply)
            .parameter(MethodParameter.real("subset_fraction", 9.0 / 22.0,
                    "share of the parameter tensors trained in each partial phase"))
            .parameter(MethodParameter.real("noised_fraction", 2.0 / 3.0,
                    "share of each noisy phase's subset that gets noise"))
            .parameter(MethodParameter.real("noise", 1.0,
                    "standard deviation of the noise, relative to each tensor's RMS value"))
            .parameter(MethodParameter.real("steps_fraction", 9.0 / 30.0,
                    "steps on retained data over all nine phases, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("rate", 0.02,
                    "rate of the first eight phases, as a fraction of the model's training rate"))
            .parameter(MethodParameter.real("final_rate", 0.1,
                    "rate of the last phase, as a fraction of the model's training rate"))
            .summary("approximate: resets the head, then phases that noise and train random subsets of the weights, "
                    + "then fine-tuning (7th of the 2023 challenge)")
            .build();

    private RandomNoiseInjection() {
    }

    private static void apply(ForgetProblem p) {
        MethodSettings s = p.settings();
        Module model = (Module) p.model();
        LayerEdits.reset(model, (Module) p.freshModel(0), LayerEdits.lastLayer(model));
        List<String> names = new ArrayList<>(model.namedParameters().keySet());
        int subset = Math.max(1, Math.min(names.size(), (int) Math.round(s.real("subset_fraction") * names.size())));
        int noised = Math.max(1, (int) Math.round(s.real("noised_fraction") * subset));
        int phases = RESET_PHASES + NOISY_PHASES + FULL_PHASES;
        int perPhase = Math.max(1, p.stepsFor(s.real("steps_fraction")) / phases);
        double base = p.config().learningRate;
        Rng rng = p.rng(1);
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        Map<String, Tensor> params = model.namedParameters();
        int noisedTotal = 0;
        for (int phase = 0; phase < phases; phase++) {
            List<Tensor> trained = new ArrayList<>();
            if (phase < RESET_PHASES + NOISY_PHASES) {
                int[] order = rng.permutation(names.size());
                for (int k = 0; k < subset; k++) {
                    Tensor t = params.get(names.get(order[k]));
                    if (phase >= RESET_PHASES && k < noised) {
                        LayerEdits.addNoise(t, s.real("noise") * LayerEdits.rootMeanSquare(t), rng);
                        noisedTotal++;
                    }
                    trained.add(t);
                }
            } else {
                trained.addAll(params.values());
            }
            double rate = base * (phase == phases - 1 ? s.real("final_rate") : s.real("rate"));
            TrainingStep stepper = TrainingStep.of(model, p.config().buildOptimizer(trained));
            for (int i = 0; i < perPhase; i++) {
                int[] batch = retain.next();
                p.step(stepper, rate, () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch));
            }
        }
        p.note("tensors_per_phase", subset);
        p.note("tensors_noised", noisedTotal);
        p.note("steps_per_phase", perPhase);
    }
}
