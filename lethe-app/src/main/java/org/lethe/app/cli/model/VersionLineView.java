package org.lethe.app.cli.model;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelLine;
import org.lethe.store.ModelVersion;

/**
 * A model's version line as {@code info} and {@code versions} show it: each version, its parent, what it removed,
 * with which method and exactness, when and at whose request, and which version is the head (where the next
 * deletion starts) and which are branches.
 */
final class VersionLineView {
    private final List<ModelVersion> versions;
    private final ModelVersion head;
    private final Set<Path> mainPath = new HashSet<>();
    private final Path self;

    VersionLineView(List<ModelVersion> versions, Path self) {
        this.versions = versions;
        this.head = ModelLine.head(versions);
        for (ModelVersion v : ModelLine.mainPath(versions)) {
            mainPath.add(v.directory());
        }
        this.self = self == null ? null : self.toAbsolutePath().normalize();
    }

    /** One entry per version for {@code --json}, with the deletion's whole record. */
    List<VersionEntry> json() {
        List<VersionEntry> out = new ArrayList<>();
        for (ModelVersion v : versions) {
            out.add(new VersionEntry(v.directory().toString(), v.directory().equals(self),
                    head != null && v.directory().equals(head.directory()), !mainPath.contains(v.directory()),
                    v.parent() == null ? null : v.parent().toString(),
                    v.deletion(), v.unreadable()));
        }
        return out;
    }

    /** The line as a table; nothing when {@code always} is false and the model has no other version. */
    void print(PrintWriter out, boolean always) {
        if (versions.size() < 2 && !always) {
            return;
        }
        out.printf("versions      %d (* this one; head: where the next deletion starts; --json gives every record)%n",
                versions.size());
        for (ModelVersion v : versions) {
            String mark = (v.directory().equals(self) ? "*" : " ");
            String role = head != null && v.directory().equals(head.directory()) ? "head"
                    : mainPath.contains(v.directory()) ? "" : "branch";
            out.printf("  %s %-20s %-6s %s%n", mark, v.directory().getFileName(), role, describe(v));
        }
        out.flush();
    }

    private static String describe(ModelVersion v) {
        if (v.unreadable() != null) {
            return "deletion record unreadable: " + v.unreadable();
        }
        DeletionRecord d = v.deletion();
        if (d == null) {
            return "original (as trained)";
        }
        String from = v.parent() == null ? "from a version not on disk" : "from " + v.parent().getFileName();
        return from + ": removed " + d.removedCount() + " example(s)"
                + (d.subjects().isEmpty() ? "" : " of " + String.join(", ", d.subjects()))
                + " by " + d.method() + " (" + (d.exact() ? "exact" : "approximate") + "), " + d.time()
                + ", requested by " + (d.requester().isEmpty() ? "(not given)" : d.requester())
                + (d.reason().isEmpty() ? "" : ", reason: " + d.reason());
    }
}
