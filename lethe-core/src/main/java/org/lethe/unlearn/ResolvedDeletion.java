package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lethe.data.Examples;

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
     * @param present     the model's remaining training examples (ids, and subjects where known)
     * @param deleted     ids deleted by earlier requests, with their subjects
     */
    public static ResolvedDeletion resolve(DeletionRequest request, Examples present, Map<String, String> deleted) {
        Set<String> toDelete = new LinkedHashSet<>();
        Set<String> already = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : request.ids()) {
            if (present.indexOf(id) >= 0) {
                toDelete.add(id);
            } else if (deleted.containsKey(id)) {
                already.add(id);
            } else {
                unknown.add("id " + id);
            }
        }
        // One pass over the examples collects every requested subject's ids, in example order.
        Map<String, List<String>> presentBySubject = new HashMap<>();
        for (String subject : request.subjects()) {
            presentBySubject.put(subject, new ArrayList<>());
        }
        if (!presentBySubject.isEmpty()) {
            for (int i = 0; i < present.size(); i++) {
                String subject = present.subject(i);
                List<String> ids = subject == null ? null : presentBySubject.get(subject);
                if (ids != null) {
                    ids.add(present.id(i));
                }
            }
        }
        for (String subject : request.subjects()) {
            List<String> ids = presentBySubject.get(subject);
            toDelete.addAll(ids);
            boolean known = !ids.isEmpty();
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
