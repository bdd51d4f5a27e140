package org.lethe.audit;

/**
 * How well a membership-inference attack tells members from non-members: AUC, and the TPR at the low
 * false-positive rates that matter for privacy (1% and 0.1%, interpolated as in {@link RocCurve#tprAtFpr}).
 */
public final class MembershipAttackResult {
    /** The false-positive rate of {@link #tprAtOnePercentFpr()}. */
    public static final double ONE_PERCENT = 0.01;
    /** The false-positive rate of {@link #tprAtTenthPercentFpr()}. */
    public static final double TENTH_PERCENT = 0.001;

    private final RocCurve roc;

    /** The result of an attack whose scores gave {@code roc}. */
    public MembershipAttackResult(RocCurve roc) {
        this.roc = roc;
    }

    /** The result for member and non-member scores (higher = more likely a member). */
    public static MembershipAttackResult ofScores(double[] memberScores, double[] nonMemberScores) {
        return new MembershipAttackResult(RocCurve.of(memberScores, nonMemberScores));
    }

    /** Area under the ROC curve (0.5: no better than guessing). */
    public double auc() {
        return roc.auc();
    }

    /** TPR at 1% FPR. */
    public double tprAtOnePercentFpr() {
        return roc.tprAtFpr(ONE_PERCENT);
    }

    /** TPR at 0.1% FPR. */
    public double tprAtTenthPercentFpr() {
        return roc.tprAtFpr(TENTH_PERCENT);
    }

    /** The full curve, for plots and other operating points. */
    public RocCurve roc() {
        return roc;
    }
}
