package org.lethe.audit;

import java.util.Locale;

/**
 * The one-paragraph verdict of an audit, in plain words. Forget quality is read against what indistinguishable
 * models score at the same number of models ({@link ForgetQualityBaseline}), since even perfect unlearning scores
 * far below 1; the membership attack is read against the same attack on the retrained models, since retraining
 * does not make an attack useless when the forgotten examples are unusual (or whole classes).
 */
public final class AuditVerdict {
    /** At or above this fraction of the indistinguishable-models F, unlearning counts as indistinguishable. */
    public static final double INDISTINGUISHABLE = 0.75;
    /** Below this fraction, the model is said to remember. */
    public static final double REMEMBERS = 0.35;

    /** The verdict in three words, said first. */
    public enum Conclusion {
        /** The audited model cannot be told from retraining, and the audit could tell an original. */
        INDISTINGUISHABLE("indistinguishable from retraining"),
        /** The audited model is distinguishable from retraining on the forget set. */
        STILL_REMEMBERS("still remembers"),
        /** Not even a model trained with the forget set is distinguishable at this number of models and examples. */
        CANNOT_TELL("cannot tell at this size");

        private final String words;

        Conclusion(String words) {
            this.words = words;
        }

        /** The three words. */
        public String words() {
            return words;
        }
    }

    /** The numbers a verdict is written from; NaN marks what was not measured. */
    public static final class Inputs {
        public String method = "original";
        public int forgetCount;
        public double forgetQuality = Double.NaN;
        public double expectedForgetQuality = Double.NaN;
        /** Mean over forget examples of (mean unlearned confidence - mean retrained confidence). */
        public double confidenceShift = Double.NaN;
        public int numUnlearned;
        public int numRetrained;
        public double attackAuc = Double.NaN;
        public double retrainedAttackAuc = Double.NaN;
        public int attackMembers;
        public int attackNonMembers;
        public double testAccuracy = Double.NaN;
        public double retrainedTestAccuracy = Double.NaN;
        public double forgetAccuracy = Double.NaN;
        public double retrainedForgetAccuracy = Double.NaN;
        /** Forget quality of originals (trained with the forget set) against the same references: the power. */
        public double originalForgetQuality = Double.NaN;
        public int numOriginals;
    }

    /**
     * The verdict in three words. "Indistinguishable" needs the audit to have shown it could tell: originals must
     * be distinguishable from the references on this forget set; when they are not, or the power was not measured,
     * a model that looks like retraining gets {@link Conclusion#CANNOT_TELL}.
     */
    public static Conclusion conclusion(Inputs in) {
        boolean original = in.method.equals("original");
        if (Double.isFinite(in.forgetQuality) && Double.isFinite(in.expectedForgetQuality)
                && in.expectedForgetQuality > 0) {
            boolean looksRetrained = in.forgetQuality / in.expectedForgetQuality >= INDISTINGUISHABLE;
            double power = original ? in.forgetQuality : in.originalForgetQuality;
            boolean canTell = Double.isFinite(power) && power / in.expectedForgetQuality < INDISTINGUISHABLE;
            if (!looksRetrained) {
                return Conclusion.STILL_REMEMBERS;
            }
            return canTell ? Conclusion.INDISTINGUISHABLE : Conclusion.CANNOT_TELL;
        }
        if (Double.isFinite(in.attackAuc) && Double.isFinite(in.retrainedAttackAuc)
                && in.attackAuc - in.retrainedAttackAuc > Math.max(2 * aucStandardError(in.attackMembers,
                        in.attackNonMembers), 0.02)) {
            return Conclusion.STILL_REMEMBERS;
        }
        // Without forget quality the audit's power is unmeasured, so looking like retraining proves nothing.
        return Conclusion.CANNOT_TELL;
    }

    /** The sentence stating the audit's power, or "" when not measured. */
    static String powerSentence(Inputs in) {
        boolean original = in.method.equals("original");
        double power = original ? in.forgetQuality : in.originalForgetQuality;
        if (!Double.isFinite(power) || !Double.isFinite(in.expectedForgetQuality) || in.expectedForgetQuality <= 0) {
            return "";
        }
        String who = original ? "Models trained with the forget set (like this one)"
                : String.format(Locale.ROOT, "%d models trained with the forget set (the original, other seeds)",
                        in.numOriginals);
        boolean canTell = power / in.expectedForgetQuality < INDISTINGUISHABLE;
        return String.format(Locale.ROOT, "Power: %s score F = %.3f against the same references (indistinguishable "
                + "models: %.3f), so %s", who, power, in.expectedForgetQuality, canTell
                ? "the audit can tell a model that remembers these examples from one retrained without them."
                : "not even a model that never forgot them can be told from retraining: they were never memorised "
                + "measurably, and this audit cannot tell at this size.");
    }

    private AuditVerdict() {
    }

    /** The verdict paragraph. */
    public static String write(Inputs in) {
        StringBuilder sb = new StringBuilder();
        sb.append(capitalised(conclusion(in).words())).append(". ");
        boolean original = in.method.equals("original");
        String subject = original ? "This model trained on the forget set and was never unlearned; its"
                : "After the " + in.method + " deletion, the model's";
        if (Double.isFinite(in.forgetQuality) && Double.isFinite(in.expectedForgetQuality) && in.expectedForgetQuality > 0) {
            double relative = in.forgetQuality / in.expectedForgetQuality;
            String numbers = String.format(Locale.ROOT, "F = %.3f, where models indistinguishable from retraining "
                    + "score about %.3f with %d models of each kind", in.forgetQuality, in.expectedForgetQuality,
                    Math.min(in.numUnlearned, in.numRetrained));
            if (relative >= INDISTINGUISHABLE) {
                sb.append(original ? "This model trained on the forget set and was never unlearned, yet its" : subject).append(" behaviour on the forgotten data is indistinguishable from retraining at ")
                        .append("this sample size (").append(numbers).append(").");
                if (original) {
                    sb.append(" Nothing was forgotten here: the model simply depends little on these examples (it ")
                            .append("generalises well and they are typical), so there is little to remember.");
                }
            } else if (relative >= REMEMBERS) {
                sb.append(subject).append(" behaviour on the forgotten data is partly distinguishable from retraining: ")
                        .append("some forgotten examples still leave a trace (").append(numbers).append(").");
            } else if (in.confidenceShift < 0) {
                sb.append(subject).append(" behaviour on the forgotten data is clearly distinguishable from retraining, ")
                        .append("but not because it remembers: it is less confident on them than models that never ")
                        .append("saw them, which itself gives the deletion away (").append(numbers).append(").");
            } else {
                sb.append(subject).append(" behaviour shows it still remembers the forgotten data: it is clearly ")
                        .append("distinguishable from retraining (").append(numbers).append(").");
            }
        } else if (Double.isFinite(in.attackAuc) && Double.isFinite(in.retrainedAttackAuc)) {
            double gap = in.attackAuc - in.retrainedAttackAuc;
            double noise = 2 * aucStandardError(in.attackMembers, in.attackNonMembers);
            if (gap <= Math.max(noise, 0.02)) {
                sb.append(subject).append(" losses on the forgotten data show no sign of remembering it at this ")
                        .append("sample size (forget quality was not measured).");
            } else {
                sb.append(subject).append(" losses on the forgotten data show it still remembers it (forget quality ")
                        .append("was not measured).");
            }
        }
        if (Double.isFinite(in.attackAuc)) {
            sb.append(String.format(Locale.ROOT, " A loss-threshold attack tells the %d forgotten examples from %d "
                    + "held-out ones with AUC %.3f (0.5 is guessing", in.attackMembers, in.attackNonMembers, in.attackAuc));
            if (Double.isFinite(in.retrainedAttackAuc)) {
                sb.append(String.format(Locale.ROOT, "; models retrained without them give %.3f", in.retrainedAttackAuc));
            }
            sb.append(").");
        }
        if (Double.isFinite(in.testAccuracy)) {
            sb.append(String.format(Locale.ROOT, " Held-out accuracy is %.1f%%", 100 * in.testAccuracy));
            if (Double.isFinite(in.retrainedTestAccuracy)) {
                sb.append(String.format(Locale.ROOT, " (retrained: %.1f%%)", 100 * in.retrainedTestAccuracy));
            }
            if (Double.isFinite(in.forgetAccuracy)) {
                sb.append(String.format(Locale.ROOT, "; on the forgotten examples it is %.1f%%", 100 * in.forgetAccuracy));
                if (Double.isFinite(in.retrainedForgetAccuracy)) {
                    sb.append(String.format(Locale.ROOT, " (retrained: %.1f%%)", 100 * in.retrainedForgetAccuracy));
                }
            }
            sb.append('.');
        }
        String power = powerSentence(in);
        if (!power.isEmpty()) {
            sb.append(' ').append(power);
        }
        if (in.forgetCount > 0 && in.forgetCount < 50) {
            sb.append(String.format(Locale.ROOT, " With only %d forgotten examples these numbers are noisy.", in.forgetCount));
        }
        return sb.toString().strip();
    }

    private static String capitalised(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Standard error of the AUC of an attack that only guesses (Mann-Whitney, no ties). */
    static double aucStandardError(int members, int nonMembers) {
        if (members == 0 || nonMembers == 0) {
            return Double.NaN;
        }
        return Math.sqrt((members + nonMembers + 1.0) / (12.0 * members * nonMembers));
    }
}
