package org.lethe.audit.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole of {@code audit.json}. The three further tests are {@code null} until measured, which the report shows
 * as "not measured".
 *
 * @param format always {@link #FORMAT}
 * @param conclusion the verdict in three words ({@code AuditVerdict.Conclusion}), first; null in documents written
 *     before it was recorded
 * @param model the audited model's directory
 * @param modelKind {@code run} or {@code sisa}
 * @param method how the audited model was made: original, retrain, replay, sisa or amnesiac
 * @param forget the forget set
 * @param models how the comparison models were made
 * @param utility accuracies and agreement with the references
 * @param membershipInference the membership attacks
 * @param forgetQuality the forget quality F, or null when not measured
 * @param linearProbe the linear-probe test, or null
 * @param relearn the relearning-time test, or null
 * @param canaryExposure the canary-exposure test, or null
 * @param verdict the verdict paragraph
 * @param timing wall times and cache use
 * @param evidence what the audit concerns, for filing: model, hash, deletion, date, Lethe's version
 * @param power how distinguishable originals (trained with the forget set) are from the same references; null
 *     when not measured or in documents written before it was
 */
public record AuditDocument(
        @JsonProperty("format") String format,
        @JsonProperty("conclusion") String conclusion,
        @JsonProperty("model") String model,
        @JsonProperty("model_kind") String modelKind,
        @JsonProperty("method") String method,
        @JsonProperty("forget") ForgetSection forget,
        @JsonProperty("models") ModelsSection models,
        @JsonProperty("utility") UtilitySection utility,
        @JsonProperty("membership_inference") MembershipSection membershipInference,
        @JsonProperty("forget_quality") ForgetQualitySection forgetQuality,
        @JsonProperty("linear_probe") ProbeSection linearProbe,
        @JsonProperty("relearn") RelearnSection relearn,
        @JsonProperty("canary_exposure") CanarySection canaryExposure,
        @JsonProperty("verdict") String verdict,
        @JsonProperty("timing") TimingSection timing,
        @JsonProperty("evidence") EvidenceSection evidence,
        @JsonProperty("power") PowerSection power) {
    /** The format tag every audit document carries. */
    public static final String FORMAT = "lethe.audit.v1";

    /**
     * This document with the further test {@code name} (an {@code AuditExtension} section name) set to
     * {@code section}; fails when the name is unknown or the section is of another test.
     */
    public AuditDocument withSection(String name, AuditSection section) {
        ProbeSection probe = linearProbe;
        RelearnSection rel = relearn;
        CanarySection canary = canaryExposure;
        switch (name) {
            case "linear_probe":
                probe = as(ProbeSection.class, name, section);
                break;
            case "relearn":
                rel = as(RelearnSection.class, name, section);
                break;
            case "canary_exposure":
                canary = as(CanarySection.class, name, section);
                break;
            default:
                throw new IllegalArgumentException("unknown audit section '" + name
                        + "' (linear_probe, relearn, canary_exposure)");
        }
        return new AuditDocument(format, conclusion, model, modelKind, method, forget, models, utility,
                membershipInference,
                forgetQuality, probe, rel, canary, verdict, timing, evidence, power);
    }

    /** The further test {@code name}, or null when not measured or unknown. */
    public AuditSection section(String name) {
        switch (name) {
            case "linear_probe": return linearProbe;
            case "relearn": return relearn;
            case "canary_exposure": return canaryExposure;
            default: return null;
        }
    }

    private static <T extends AuditSection> T as(Class<T> type, String name, AuditSection section) {
        if (section != null && !type.isInstance(section)) {
            throw new IllegalArgumentException("section '" + name + "' must be a " + type.getSimpleName() + ", got a "
                    + section.getClass().getSimpleName());
        }
        return type.cast(section);
    }
}
