package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request resolved against a model's training examples: the ids it names that are still present, and those
 * already deleted earlier (a repeated request is a no-op). Ids or subjects the model never knew are an error.
 */
public final class ResolvedDeletion {
    public final Set<String> toDelete;
    public final Set<String> alreadyDeleted;

    private ResolvedDeletion(Set<String> toDelete, Set<String> alreadyDeleted) {
        this.toDelete = toDelete;
        this.alreadyDeleted = alreadyDeleted;
    }

    /**
     * @param present     ids still in the model's training data, with their subjects (null values allowed)
     * @param deleted     ids deleted by earlier requests, with their subjects
     */
    public static ResolvedDeletion resolve(DeletionRequest request, Map<String, String> present, Map<String, String> deleted) {
        Set<String> toDelete = new LinkedHashSet<>();
        Set<String> already = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : request.ids()) {
            if (present.containsKey(id)) {
                toDelete.add(id);
            } else if (deleted.containsKey(id)) {
                already.add(id);
            } else {
                unknown.add("id " + id);
            }
        }
        for (String subject : request.subjects()) {
            boolean known = false;
            for (Map.Entry<String, String> e : present.entrySet()) {
                if (subject.equals(e.getValue())) {
                    toDelete.add(e.getKey());
                    known = true;
                }
            }
            for (Map.Entry<String, String> e : deleted.entrySet()) {
                if (subject.equals(e.getValue())) {
                    already.add(e.getKey());
                    known = true;
                }
            }
            if (!known) {
                unknown.add("subject " + subject);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown " + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                    + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : "")
                    + ": not in this model's training data");
        }
        return new ResolvedDeletion(toDelete, already);
    }

    /** True when nothing is left to delete. */
    public boolean isNoOp() {
        return toDelete.isEmpty();
    }

    /** The ids to delete, sorted, for records. */
    public List<String> sortedIds() {
        return new ArrayList<>(new TreeSet<>(toDelete));
    }
}
