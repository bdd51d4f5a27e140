package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lethe.data.Examples;
import org.lethe.train.PreparedData;

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
     * Resolves a request against a model's data: its remaining training examples, those earlier deletions removed,
     * and those the source data no longer holds ({@link PreparedData#pendingErasure()}), which the request must
     * include: a model still trained on examples erased from the source can only have them deleted.
     *
     * @throws IllegalArgumentException for ids or subjects the model never knew, or a request that leaves out
     *                                  examples erased from the source; the message says which
     */
    public static ResolvedDeletion resolve(DeletionRequest request, PreparedData data) {
        Map<String, String> pending = data.pendingErasure();
        ResolvedDeletion r = resolve(request, data.train, Deletions.deletedIds(data), pending);
        List<String> left = new ArrayList<>();
        Set<String> leftSubjects = new TreeSet<>();
        for (Map.Entry<String, String> e : pending.entrySet()) {
            if (!r.toDelete.contains(e.getKey())) {
                left.add(e.getKey());
                if (e.getValue() != null) {
                    leftSubjects.add(e.getValue());
                }
            }
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("the source data no longer holds " + left.size() + " example(s) this "
                    + "model was trained on that the request does not name (" + String.join(", ",
                    left.subList(0, Math.min(3, left.size()))) + (left.size() > 3 ? ", ..." : "")
                    + (leftSubjects.isEmpty() ? "" : "; subject(s) " + String.join(", ", leftSubjects)) + "); a "
                    + "deletion after erasing data from the source must include all of it: name them too, or "
                    + "restore the source data");
        }
        return r;
    }

    /**
     * @param present     the model's remaining training examples (ids, and subjects where known)
     * @param deleted     ids deleted by earlier requests, with their subjects
     */
    public static ResolvedDeletion resolve(DeletionRequest request, Examples present, Map<String, String> deleted) {
        return resolve(request, present, deleted, Map.of());
    }

    // erasedFromSource: training examples (id to subject) whose data is gone but which the model still holds.
    private static ResolvedDeletion resolve(DeletionRequest request, Examples present, Map<String, String> deleted,
                                            Map<String, String> erasedFromSource) {
        Set<String> toDelete = new LinkedHashSet<>();
        Set<String> already = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : request.ids()) {
            if (present.indexOf(id) >= 0 || erasedFromSource.containsKey(id)) {
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
            for (Map.Entry<String, String> e : erasedFromSource.entrySet()) {
                if (subject.equals(e.getValue())) {
                    ids.add(e.getKey());
                }
            }
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
