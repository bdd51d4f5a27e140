package org.lethe.app.cli.audit;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.lethe.audit.json.ProbeSection;

/**
 * What {@code lethe audit probe --json} prints: the probe's readouts of the model and the reference, the forget set,
 * the probe's section of the audit report, a verdict, and the report the test was added to.
 *
 * @param model            the probe's readout of the model
 * @param reference        its readout of the reference
 * @param header           where the reference came from and the forget set
 * @param featureWidth     the width of the penultimate features
 * @param forgottenClasses classes only the forget set has
 * @param forgetGap        the model's forget-set probe accuracy minus the reference's, or null without a reference
 * @param verdict          one sentence
 * @param report           the audit report page the test was added to, or null
 */
@JsonPropertyOrder({"model", "reference", "header", "feature_width", "forgotten_classes", "forget_gap", "verdict",
        "report"})
record AuditProbeResult(
        ProbeSection.Readout model,
        ProbeSection.Readout reference,
        @JsonUnwrapped ErasureTestHeader header,
        @JsonProperty("feature_width") int featureWidth,
        @JsonProperty("forgotten_classes") List<Integer> forgottenClasses,
        @JsonProperty("forget_gap") Double forgetGap,
        String verdict,
        String report) {

    /** The output of the probe test {@code section}. */
    static AuditProbeResult of(ErasureTestHeader header, int featureWidth, ProbeSection section, String verdict,
            String report) {
        return new AuditProbeResult(section.model(), section.reference(), header, featureWidth,
                section.forgottenClasses(), section.forgetGap(), verdict, report);
    }
}
