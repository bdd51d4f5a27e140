package org.lethe.audit;

import org.lethe.audit.json.AuditSection;

/**
 * The linear-probe test ({@link ProbeAudit}) as part of an audit: the audited model's penultimate features against
 * those of the audit's first reference retrained without the forget set, on the audit's own example sets. What
 * {@code lethe audit probe} adds to an earlier audit, measured by the audit itself.
 */
public final class ProbeExtension implements AuditExtension {
    private final LinearProbe.Options options;

    /** A probe with {@code options} (copied). */
    public ProbeExtension(LinearProbe.Options options) {
        this.options = options.copy().validate();
    }

    @Override
    public String name() {
        return LINEAR_PROBE;
    }

    @Override
    public String title() {
        return "linear probe";
    }

    @Override
    public String notApplicable(AuditContext context) {
        return context.singleNetworkMissing();
    }

    @Override
    public AuditSection measure(AuditContext context) throws Exception {
        return ProbeAudit.run(context.network(), context.firstReference(), context.erasureTestData(), options.copy())
                .toSection();
    }
}
