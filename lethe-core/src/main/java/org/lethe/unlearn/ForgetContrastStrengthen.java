package org.lethe.unlearn;

import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.tensor.NDArray;
import org.lethe.train.TrainingStep;

/**
 * FCS, "forget, contrast, strengthen" (1st place of the NeurIPS 2023 Machine Unlearning Challenge, as DeepUnlearn,
 * arXiv 2410.01276, re-implemented it). Three optimisers over the same weights, each with its own momentum:
 * <ol>
 *   <li><b>forget</b>: one pass over the forget set pulling its predictions towards the uniform distribution
 *       (KL divergence from uniform);</li>
 *   <li><b>contrast</b>, each round: for every forget batch, a retain batch's logits (constants) and a contrastive
 *       loss that makes each forget example's logits equally similar to every retain example's (the cross-entropy
 *       of the softmax over retain examples of the scaled dot products against the uniform target), at a
 *       cosine-annealed rate;</li>
 *   <li><b>strengthen</b>, each round: plain cross-entropy on retained data.</li>
 * </ol>
 * The winner ran 8 rounds, each with a full epoch over the retained data, after a 30-epoch training run; the
 * default length keeps that ratio ({@code steps_fraction} = 8/30 of the original training's steps, split evenly
 * over the rounds). Rates are the winner's divided by the original training's 0.1, as fractions of the rate the
 * model was trained with: 0.005 (forget), 3e-4 annealed to 1e-6 (contrast), 0.001 x 256/64 (strengthen).
 * The winner's weight decay (0.01 in the strengthen phase) is left out: over these few steps it changes the
 * weights by well under 1%.
 */
public final class ForgetContrastStrengthen {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("fcs")
            .approximate(ForgetContrastStrengthen::apply)
            .parameter(MethodParameter.integer("rounds", 8, "contrast-then-strengthen rounds"))
            .parameter(MethodParameter.real("steps_fraction", 8.0 / 30.0,
                    "strengthen steps on retained data over all rounds, as a fraction of the original training's steps"))
            .parameter(MethodParameter.real("forget_rate", 0.05,
                    "rate of the pass towards uniform predictions, as a fraction of the model's training rate"))
            .parameter(MethodParameter.real("contrast_rate", 0.003,
                    "initial rate of the contrastive steps (cosine-annealed), as a fraction of the model's training rate"))
            .parameter(MethodParameter.real("retain_rate", 0.04,
                    "rate of the strengthen steps, as a fraction of the model's training rate"))
            .parameter(MethodParameter.real("temperature", 1.15, "temperature of the contrastive softmax"))
            .summary("approximate: forget-set predictions to uniform, then rounds of contrastive forget steps against "
                    + "retain logits and retain fine-tuning (1st of the 2023 challenge)")
            .build();

    private ForgetContrastStrengthen() {
    }

    private static void apply(ForgetProblem p) {
        MethodSettings s = p.settings();
        int rounds = s.integer("rounds");
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        double temperature = s.real("temperature");
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        double base = p.config().learningRate;
        int batchSize = p.config().batchSize;
        ForgetProblem.Batches forget = p.batches(p.forget(), batchSize, 1);

        TrainingStep uniform = p.stepper();
        double uniformRate = base * s.real("forget_rate");
        for (int i = 0; i < forget.perEpoch(); i++) {
            int[] batch = forget.next();
            p.step(uniform, uniformRate, () -> UnlearningLosses.divergenceFromUniform(
                    UnlearningLosses.logits(p.model(), p.trainTask(), batch)));
        }

        int retainPerRound = Math.max(1, p.stepsFor(s.real("steps_fraction")) / rounds);
        int contrastSteps = rounds * forget.perEpoch();
        LearningRateSchedule contrastRate = LearningRateSchedule.cosine(base * s.real("contrast_rate"),
                Math.min(base * s.real("contrast_rate"), 1e-5 * base), contrastSteps);
        double retainRate = base * s.real("retain_rate");
        TrainingStep contrast = p.stepper();
        TrainingStep strengthen = p.stepper();
        ForgetProblem.Batches partners = p.batches(p.retain(), batchSize, 2);
        ForgetProblem.Batches retain = p.batches(p.retain(), batchSize, 3);
        int contrasted = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < forget.perEpoch(); i++) {
                int[] batch = forget.next();
                int[] partner = partners.next();
                p.step(contrast, contrastRate.rate(contrasted++), () -> contrastiveLoss(p, batch, partner, temperature));
            }
            for (int i = 0; i < retainPerRound; i++) {
                int[] batch = retain.next();
                p.step(strengthen, retainRate, () -> UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch));
            }
        }
        p.note("contrast_steps", contrastSteps);
        p.note("retain_steps", retainPerRound * rounds);
    }

    /**
     * The cross-entropy, against a uniform target over the retain batch, of the softmax over retain examples of
     * (forget logits . retain logits) / t: least when every forget example looks alike to every retain example.
     */
    private static Tensor contrastiveLoss(ForgetProblem p, int[] forget, int[] retain, double temperature) {
        NDArray partners = UnlearningLosses.teacherLogits(p.model(), p.trainTask(), retain);
        Tensor similarities = UnlearningLosses.logits(p.model(), p.trainTask(), forget)
                .matmul(Tensor.constant(partners), false, true).mul(1.0 / temperature);
        return Functional.logSoftmax(similarities, 1).mean().neg();
    }
}
