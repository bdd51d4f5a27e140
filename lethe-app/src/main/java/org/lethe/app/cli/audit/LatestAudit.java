package org.lethe.app.cli.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lethe.app.report.AuditReport;
import org.lethe.audit.json.AuditDocument;
import org.lethe.audit.json.AuditJson;
import org.lethe.audit.json.AuditSection;

/**
 * The newest audit report of a model, which the further tests ({@code audit probe}, {@code audit relearn}) take
 * their retrained reference from and add their section to: {@code <model>-audit}, or the highest {@code -N} an
 * audit wrote beside it because an earlier one was there.
 *
 * @param dir the report directory
 * @param document its {@code audit.json}
 */
record LatestAudit(Path dir, AuditDocument document) {

    /** The report in {@code dir} if given, else the newest beside {@code model}; null when there is none. */
    static LatestAudit find(Path model, Path dir) throws IOException {
        Path chosen = dir != null ? dir : newest(AuditCommand.defaultReport(model));
        if (chosen == null || !Files.isRegularFile(chosen.resolve(AuditReport.JSON))) {
            if (dir != null) {
                throw new IllegalArgumentException("--report: no audit.json in " + dir);
            }
            return null;
        }
        return new LatestAudit(chosen, AuditJson.read(chosen.resolve(AuditReport.JSON)));
    }

    private static Path newest(Path first) {
        Path abs = first.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs.resolve(AuditReport.JSON))) {
            return null;
        }
        Path newest = abs;
        for (int n = 2; ; n++) {
            Path next = abs.resolveSibling(abs.getFileName() + "-" + n);
            if (!Files.isRegularFile(next.resolve(AuditReport.JSON))) {
                return newest;
            }
            newest = next;
        }
    }

    /** Whether this audit's forget set is exactly {@code ids}, so its references were retrained without them. */
    boolean concerns(List<String> ids) {
        Set<String> audited = new HashSet<>(document.forget().ids());
        return audited.equals(new HashSet<>(ids));
    }

    /** The first reference retrained without the forget set, or null when the audit used given references. */
    Path retrainedReference() {
        if (!"retrained".equals(document.models().reference().source())) {
            return null;
        }
        for (String d : document.models().reference().dirs()) {
            if (Files.isDirectory(Path.of(d))) {
                return Path.of(d);
            }
        }
        return null;
    }

    /** Adds {@code section} under {@code name} and rewrites the report; returns the page. */
    Path add(String name, AuditSection section) throws IOException {
        return AuditReport.rewrite(document.withSection(name, section), dir);
    }
}
