package org.lethe.unlearn;

import org.lethe.autograd.GradMode;

/**
 * Where an ascent on the forget set stops. Raising a loss has no natural end: left running at the model's rate with
 * momentum, gradient ascent grows the weights, and with them the gradients of the next steps, until the logits
 * overflow (on the subjects CNN, at the defaults, gradient ascent and SCRUB's max-steps reached NaN). A model that
 * never saw the forget set treats it as unseen data, so the target of an ascent is the forget set predicted as well
 * as held-out data, not worse: an ascent stops before a step whose forget batch's cross-entropy already passes the
 * original model's mean cross-entropy on the validation examples (the held-out half methods may read). Checking
 * before the step, not after it, matters: the step taken from beyond the ceiling is the largest of the ascent (its
 * gradient grows with the loss), and on the subjects CNN it was the one that cost test accuracy. The ceiling reads
 * the original and held-out data, never the retrained models.
 */
public final class AscentCeiling {
    private AscentCeiling() {
    }

    /**
     * Whether the current model's cross-entropy on the forget examples {@code batch} passes {@code ceiling}, so that
     * an ascent should stop before stepping on it (one forward pass, without gradients).
     */
    public static boolean reached(ForgetProblem p, int[] batch, double ceiling) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return UnlearningLosses.crossEntropy(p.model(), p.trainTask(), batch).item() > ceiling;
        }
    }

    /** The original model's mean cross-entropy on {@code p}'s validation examples. */
    public static double of(ForgetProblem p) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return UnlearningLosses.crossEntropy(p.original(), p.heldOutTask(), p.validation()).item();
        }
    }
}
