package org.lethe.audit;

import org.lethe.audit.json.AuditSection;

/**
 * The linear-probe test ({@link ProbeAudit}) as part of an audit: the audited model's penultimate features against
 * those of the audit's first reference retrained without the forget set, on the audit's own example sets. What
 * {@code lethe audit probe} adds to an earlier audit, measured by the audit itself.
 */
public final class ProbeExtension extends ErasureTestExtension {
    private final LinearProbe.Options options;

    /** A probe with {@code options} (copied). */
    public ProbeExtension(LinearProbe.Options options) {
        super(LINEAR_PROBE, "linear probe");
        this.options = options.copy().validate();
    }

    @Override
    public AuditSection measure(AuditContext context) throws Exception {
        return ProbeAudit.run(context.network(), context.firstReference(), context.erasureTestData(), options.copy())
                .toSection();
    }
}
