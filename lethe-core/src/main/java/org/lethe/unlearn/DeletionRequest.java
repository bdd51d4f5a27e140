package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What someone asked to forget: example ids and/or subjects, with who asked and why. */
public final class DeletionRequest {
    private final Set<String> ids;
    private final Set<String> subjects;
    private final String reason;
    private final String requester;

    public DeletionRequest(Collection<String> ids, Collection<String> subjects, String reason, String requester) {
        this.ids = new LinkedHashSet<>(ids == null ? List.of() : ids);
        this.subjects = new LinkedHashSet<>(subjects == null ? List.of() : subjects);
        if (this.ids.isEmpty() && this.subjects.isEmpty()) {
            throw new IllegalArgumentException("a deletion request needs at least one example id or subject");
        }
        this.reason = reason == null ? "" : reason;
        this.requester = requester == null ? "" : requester;
    }

    /** A request to forget every example of these subjects. */
    public static DeletionRequest ofSubjects(Collection<String> subjects) {
        return new DeletionRequest(null, subjects, null, null);
    }

    /** A request to forget these examples. */
    public static DeletionRequest ofIds(Collection<String> ids) {
        return new DeletionRequest(ids, null, null, null);
    }

    public Set<String> ids() {
        return ids;
    }

    public Set<String> subjects() {
        return subjects;
    }

    public String reason() {
        return reason;
    }

    public String requester() {
        return requester;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!ids.isEmpty()) {
            parts.add(ids.size() + " ids");
        }
        if (!subjects.isEmpty()) {
            parts.add("subjects " + subjects);
        }
        return "DeletionRequest(" + String.join(", ", parts) + ")";
    }
}
