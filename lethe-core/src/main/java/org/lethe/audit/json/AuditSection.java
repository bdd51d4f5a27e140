package org.lethe.audit.json;

/**
 * One further test's section of {@code audit.json} ({@link ProbeSection}, {@link RelearnSection} or
 * {@link CanarySection}); the report shows its fields as a table and its {@link #summary()}, if any, above it.
 */
public interface AuditSection {
    /** A sentence to show above the table, or null. */
    default String summary() {
        return null;
    }
}
