package org.lethe.audit;

/**
 * What the suppression-versus-erasure tests share as audit extensions ({@link ProbeExtension},
 * {@link RelearnExtension}): a section name and title, and that they read one network's weights, so they do not
 * apply to a SISA ensemble.
 */
abstract class ErasureTestExtension implements AuditExtension {
    private final String name;
    private final String title;

    ErasureTestExtension(String name, String title) {
        this.name = name;
        this.title = title;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String notApplicable(AuditContext context) {
        return context.singleNetworkMissing();
    }
}
