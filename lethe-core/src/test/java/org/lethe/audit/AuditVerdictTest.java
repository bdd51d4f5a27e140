package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditVerdictTest {

    private static AuditVerdict.Inputs inputs(String method, double f, double expected, double shift) {
        AuditVerdict.Inputs in = new AuditVerdict.Inputs();
        in.method = method;
        in.forgetCount = 160;
        in.forgetQuality = f;
        in.expectedForgetQuality = expected;
        in.confidenceShift = shift;
        in.numUnlearned = 32;
        in.numRetrained = 32;
        in.attackAuc = 0.61;
        in.retrainedAttackAuc = 0.52;
        in.attackMembers = 160;
        in.attackNonMembers = 2000;
        in.testAccuracy = 0.951;
        in.retrainedTestAccuracy = 0.953;
        in.forgetAccuracy = 1.0;
        in.retrainedForgetAccuracy = 0.96;
        return in;
    }

    @Test
    void readsForgetQualityAgainstWhatIndistinguishableModelsScore() {
        String same = AuditVerdict.write(inputs("retrain", 0.13, 0.15, 0.1));
        assertThat(same).contains("After the retrain deletion, the model's behaviour on the forgotten data is "
                + "indistinguishable from retraining at this sample size (F = 0.130, where models indistinguishable "
                + "from retraining score about 0.150 with 32 models of each kind).");
        assertThat(same).contains("AUC 0.610").contains("give 0.520").contains("Held-out accuracy is 95.1% (retrained: "
                + "95.3%)").doesNotContain("noisy");
        assertThat(AuditVerdict.write(inputs("sisa", 0.08, 0.15, 0.5))).contains("partly distinguishable");
        assertThat(AuditVerdict.write(inputs("original", 0.01, 0.15, 2.0))).startsWith("Still remembers. ").contains("This model trained on the "
                + "forget set and was never unlearned; its behaviour shows it still remembers");
        assertThat(AuditVerdict.write(inputs("original", 0.14, 0.15, 0.2))).contains("yet its behaviour")
                .contains("Nothing was forgotten here");
    }

    @Test
    void aModelThatNeverForgotAnythingOnANeverMemorisedForgetSetCannotBeTold() {
        // The original scores like retraining: the forget set was never memorised, so the audit has no power.
        AuditVerdict.Inputs original = inputs("original", 0.14, 0.15, 0.2);
        assertThat(AuditVerdict.conclusion(original)).isEqualTo(AuditVerdict.Conclusion.CANNOT_TELL);
        assertThat(AuditVerdict.write(original)).startsWith("Cannot tell at this size. ")
                .contains("this audit cannot tell at this size");
        // A deletion that looks like retraining is "indistinguishable" only when the originals were distinguishable.
        AuditVerdict.Inputs weak = inputs("retrain", 0.14, 0.15, 0.0);
        weak.originalForgetQuality = 0.13;
        weak.numOriginals = 32;
        assertThat(AuditVerdict.conclusion(weak)).isEqualTo(AuditVerdict.Conclusion.CANNOT_TELL);
        AuditVerdict.Inputs strong = inputs("retrain", 0.14, 0.15, 0.0);
        strong.originalForgetQuality = 0.01;
        strong.numOriginals = 32;
        assertThat(AuditVerdict.conclusion(strong)).isEqualTo(AuditVerdict.Conclusion.INDISTINGUISHABLE);
        assertThat(AuditVerdict.write(strong)).startsWith("Indistinguishable from retraining. ")
                .contains("Power: 32 models trained with the forget set").contains("F = 0.010")
                .contains("the audit can tell");
        // Power unmeasured: looking like retraining proves nothing.
        assertThat(AuditVerdict.conclusion(inputs("retrain", 0.14, 0.15, 0.0)))
                .isEqualTo(AuditVerdict.Conclusion.CANNOT_TELL);
        assertThat(AuditVerdict.conclusion(inputs("sisa", 0.01, 0.15, 2.0)))
                .isEqualTo(AuditVerdict.Conclusion.STILL_REMEMBERS);
    }

    @Test
    void tellsOverForgettingFromRemembering() {
        String v = AuditVerdict.write(inputs("amnesiac", 0.005, 0.14, -3.6));
        assertThat(v).contains("clearly distinguishable from retraining, but not because it remembers")
                .contains("less confident");
    }

    @Test
    void withoutForgetQualityTheAttackDecides() {
        AuditVerdict.Inputs far = inputs("original", Double.NaN, Double.NaN, Double.NaN);
        assertThat(AuditVerdict.write(far)).contains("show it still remembers it (forget quality was not measured)");
        AuditVerdict.Inputs close = inputs("original", Double.NaN, Double.NaN, Double.NaN);
        close.attackAuc = 0.53;
        close.forgetCount = 20;
        close.attackMembers = 20;
        // With 20 members the guessing AUC has a standard error of about 0.065: a gap of 0.01 is no evidence.
        assertThat(AuditVerdict.write(close)).contains("no sign of remembering").endsWith("these numbers are noisy.");
    }
}
