package org.lethe.audit;

/**
 * The simplest membership-inference attack: a model's loss is lower on examples it trained on, so the score is
 * the negative per-example loss. Members are the forget examples (trained on, then supposedly forgotten),
 * non-members held-out examples never trained on; after good unlearning the attack is back to guessing (AUC 0.5).
 */
public final class LossThresholdAttack {
    private LossThresholdAttack() {
    }

    /** Runs the attack on per-example losses of members (forget examples) and non-members (held out). */
    public static MembershipAttackResult evaluate(double[] memberLosses, double[] nonMemberLosses) {
        return MembershipAttackResult.ofScores(negated(memberLosses), negated(nonMemberLosses));
    }

    /** The cross-entropy loss {@code -log softmax(logits)[label]} of one example, in double precision. */
    public static double crossEntropy(double[] logits, int label) {
        double max = Logits.checkedMax(logits, label);
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) - (logits[label] - max);
    }

    private static double[] negated(double[] losses) {
        double[] out = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            out[i] = -losses[i];
        }
        return out;
    }
}
