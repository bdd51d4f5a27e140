package org.lethe.audit;

import java.util.List;
import org.lethe.audit.json.ProbeSection;

/**
 * The linear-probe test of a model and, when given, of a reference retrained without the forgotten data. A
 * model that only suppressed its outputs keeps features from which the probe still reads the forgotten examples
 * (forget accuracy above the reference's); an erased one reads them no better than the reference.
 */
public final class ProbeAuditResult {
    public final ProbeReadout model;
    /** The reference's readout, or null when no reference was given. */
    public final ProbeReadout reference;
    /** Classes only the forget set has (a class deletion), ascending; empty otherwise. */
    public final List<Integer> forgottenClasses;

    public ProbeAuditResult(ProbeReadout model, ProbeReadout reference, List<Integer> forgottenClasses) {
        this.model = model;
        this.reference = reference;
        this.forgottenClasses = List.copyOf(forgottenClasses);
    }

    /** Forget-set probe accuracy of the model minus the reference's (NaN without a reference). */
    public double forgetGap() {
        return reference == null ? Double.NaN : model.forgetAccuracy - reference.forgetAccuracy;
    }

    /** Its JSON form (the audit's {@code linear_probe} section). */
    public ProbeSection toSection() {
        return new ProbeSection(forgottenClasses, model.toSection(), reference == null ? null : reference.toSection(),
                reference == null ? null : forgetGap());
    }
}
