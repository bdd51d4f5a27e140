package org.lethe.audit;

import java.util.List;
import org.lethe.audit.json.AuditSection;

/**
 * A further measure an audit can run, contributing one named section to {@code audit.json} and the report. The
 * sections foreseen are {@link #LINEAR_PROBE} (suppression or erasure: can a linear probe on penultimate features
 * still read the forgotten data out?), {@link #RELEARN} (how many optimiser steps until forget accuracy recovers,
 * against the retrained models) and {@link #CANARY_EXPOSURE} (secret canaries in a language model); until one is
 * measured its section is {@code null}, which the report shows as "not measured".
 */
public interface AuditExtension {
    /** Section name of the linear-probe (suppression) test. */
    String LINEAR_PROBE = "linear_probe";
    /** Section name of the relearning-time test. */
    String RELEARN = "relearn";
    /** Section name of the canary-exposure test. */
    String CANARY_EXPOSURE = "canary_exposure";
    /** The optional sections every audit result has, in report order. */
    List<String> OPTIONAL_SECTIONS = List.of(LINEAR_PROBE, RELEARN, CANARY_EXPOSURE);

    /** The section's key in {@code audit.json}, e.g. {@link #LINEAR_PROBE}. */
    String name();

    /** Its heading in the report, e.g. "Suppression or erasure: linear probe". */
    String title();

    /**
     * Runs the measure. Returns the section of the test {@link #name()} names (for {@link #LINEAR_PROBE} a
     * {@link org.lethe.audit.json.ProbeSection}, and so on); the report shows its fields as a table and its
     * {@link AuditSection#summary()}, if any, as a sentence above it.
     */
    AuditSection measure(AuditContext context) throws Exception;

    /**
     * Why the measure does not apply to this audit (e.g. to a SISA ensemble, which has no single network to probe),
     * or null when it does; the audit then leaves the section unmeasured and logs the reason.
     */
    default String notApplicable(AuditContext context) {
        return null;
    }
}
