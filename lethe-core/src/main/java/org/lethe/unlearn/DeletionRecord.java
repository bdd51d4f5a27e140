package org.lethe.unlearn;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deletion did: which examples it removed, what it recomputed, how long it took, the models before and
 * after (by parameter hash), and whether the result is exact (identical to retraining without the data) or an
 * approximation. Serialised into the new model version and, later, the deletion ledger.
 */
public final class DeletionRecord {
    public final String method;
    public final boolean exact;
    public final List<String> removedIds;
    public final List<String> subjects;
    public final List<String> alreadyDeleted;
    public final Map<String, Object> recomputed;
    public final double wallSeconds;
    public final String modelBefore;
    public final String modelAfter;
    public final String hashBefore;
    public final String hashAfter;
    public final String reason;
    public final String requester;
    public final Instant time;

    public DeletionRecord(String method, boolean exact, List<String> removedIds, List<String> subjects,
                          List<String> alreadyDeleted, Map<String, Object> recomputed, double wallSeconds,
                          String modelBefore, String modelAfter, String hashBefore, String hashAfter,
                          String reason, String requester, Instant time) {
        this.method = method;
        this.exact = exact;
        this.removedIds = List.copyOf(removedIds);
        this.subjects = List.copyOf(subjects);
        this.alreadyDeleted = List.copyOf(alreadyDeleted);
        this.recomputed = new LinkedHashMap<>(recomputed);
        this.wallSeconds = wallSeconds;
        this.modelBefore = modelBefore;
        this.modelAfter = modelAfter;
        this.hashBefore = hashBefore;
        this.hashAfter = hashAfter;
        this.reason = reason;
        this.requester = requester;
        this.time = time;
    }

    /** True when the request named only data that was already gone. */
    public boolean isNoOp() {
        return removedIds.isEmpty();
    }

    /** A JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "lethe.deletion-record.v1");
        m.put("method", method);
        m.put("exact", exact);
        m.put("removed_ids", removedIds);
        m.put("removed_count", removedIds.size());
        m.put("subjects", subjects);
        m.put("already_deleted", alreadyDeleted);
        m.put("recomputed", recomputed);
        m.put("wall_seconds", wallSeconds);
        m.put("model_before", modelBefore);
        m.put("model_after", modelAfter);
        m.put("hash_before", hashBefore);
        m.put("hash_after", hashAfter);
        m.put("reason", reason);
        m.put("requester", requester);
        m.put("time", time.toString());
        return m;
    }
}
