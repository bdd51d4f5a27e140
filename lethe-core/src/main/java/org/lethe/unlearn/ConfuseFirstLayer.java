package org.lethe.unlearn;

import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.tensor.Rng;
import org.lethe.train.TrainingStep;

/**
 * CFW, "confuse the first layer, fine-tune with class weights" (3rd place of the NeurIPS 2023 Machine Unlearning
 * Challenge, as DeepUnlearn, arXiv 2410.01276, re-implemented it): Gaussian noise on the first layer's weights
 * (which scrambles the features every later layer reads, forget set included), then class-balanced cross-entropy
 * on retained data at a cosine-annealed rate, with a second, much smaller dose of noise on the first layer before
 * the last quarter (the winner's last epoch of four) to leave it robust.
 *
 * <p>The winner added noise of absolute standard deviation 0.6, then 0.005, to the first convolution of a
 * ResNet-18, which a batch normalisation follows: whatever the weights' scale, the features it passes on are
 * re-normalised. Without that normalisation (an MLP, the small CNN) an absolute dose means different things for
 * different layers, so here the doses are relative to the first layer's root-mean-square weight: 0.6 and 0.005
 * of it. Read as absolute, 0.6 would be many times the weights of an MLP's first layer (their RMS is a few
 * hundredths) and leave a random layer that 4 epochs at this rate cannot repair: on the memorising benchmark a
 * relative dose of 20 left 0.65 of the test accuracy, 0.6 left all of it. The final
 * dose keeps the winner's ratio of 1/120 to the first. Class weights are the balanced ones ({@code n / (C * count)}) per
 * example; DeepUnlearn's port multiplied the batch's mean loss by its mean class weight instead. Length: 4 epochs of a
 * 30-epoch run; rate 0.0007 over the original's 0.1.
 */
public final class ConfuseFirstLayer {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("cfw")
            .approximate(ConfuseFirstLayer::apply)
            .parameter(MethodParameter.real("noise", 0.6,
                    "standard deviation of the first dose of noise on the first layer, relative to its RMS weight"))
            .parameter(MethodParameter.real("final_noise", 0.005,
                    "standard deviation of the dose before the last quarter, relative to the first layer's RMS weight"))
            .parameter(MethodParameter.real("steps_fraction", 4.0 / 30.0,
                    "fine-tuning steps on retained data, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("rate", 0.007,
                    "initial fine-tuning rate (cosine-annealed), as a fraction of the model's training rate"))
            .summary("approximate: Gaussian noise on the first layer, then class-balanced fine-tuning on retained "
                    + "data (3rd of the 2023 challenge)")
            .build();

    private ConfuseFirstLayer() {
    }

    private static void apply(ForgetProblem p) {
        MethodSettings s = p.settings();
        Module model = (Module) p.model();
        String first = LayerEdits.firstLayer(model);
        Rng rng = p.rng(1);
        confuse(model, first, s.real("noise"), rng);
        int steps = p.stepsFor(s.real("steps_fraction"));
        int secondDose = steps - steps / 4;
        LearningRateSchedule rate = LearningRateSchedule.cosine(p.config().learningRate * s.real("rate"), 0, steps);
        ClassWeights weights = ClassWeights.balanced(p.train(), p.retain());
        TrainingStep stepper = p.stepper();
        ForgetProblem.Batches retain = p.batches(p.retain(), p.config().batchSize, 0);
        for (int i = 0; i < steps; i++) {
            if (i == secondDose) {
                confuse(model, first, s.real("final_noise"), rng);
            }
            int[] batch = retain.next();
            p.step(stepper, rate.rate(i), () -> weights.crossEntropy(
                    UnlearningLosses.logits(p.model(), p.trainTask(), batch), p.train().labels(batch)));
        }
        p.note("noised_layer", first);
        p.note("fine_tune_steps", steps);
    }

    /** Noise of {@code relative} times the RMS of the layer's weight tensors on each of them (biases untouched). */
    private static void confuse(Module model, String layer, double relative, Rng rng) {
        for (Tensor t : LayerEdits.parametersOf(model, layer).values()) {
            if (t.rank() >= 2) {
                LayerEdits.addNoise(t, relative * LayerEdits.rootMeanSquare(t), rng);
            }
        }
    }
}
