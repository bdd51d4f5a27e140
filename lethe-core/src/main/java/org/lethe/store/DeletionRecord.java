package org.lethe.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.io.JsonFiles;

/**
 * What a deletion did: which examples it removed, with which method and settings, what it recomputed, how long it
 * took, the models before and after (by parameter hash), and whether the result is exact (identical to retraining
 * without the data) or an approximation. Written into every new model version as {@value #FILE} and read back by
 * the store, the audit and (later) the deletion ledger.
 *
 * @param method       the deletion method's registry name
 * @param exact        true when the result equals retraining without the data, bit for bit
 * @param parameters   the method's settings, by parameter name (empty for methods without parameters)
 * @param removedIds   the example ids removed, sorted
 * @param subjects     the subjects the request named
 * @param alreadyDeleted ids the request named that earlier deletions had removed
 * @param recomputed   what the method recomputed, in its own terms (steps replayed, shards retrained, ...)
 * @param wallSeconds  the deletion's wall time
 * @param modelBefore  the version deleted from
 * @param modelAfter   the version written
 * @param hashBefore   parameter hash of the model before (null for a no-op)
 * @param hashAfter    parameter hash of the model after (null for a no-op)
 * @param reason       why the data was deleted
 * @param requester    who asked
 * @param time         when the deletion finished
 */
@JsonPropertyOrder({"format", "method", "exact", "parameters", "removed_ids", "removed_count", "subjects",
        "already_deleted", "recomputed", "wall_seconds", "model_before", "model_after", "hash_before", "hash_after",
        "reason", "requester", "time"})
public record DeletionRecord(
        String method,
        boolean exact,
        Map<String, Object> parameters,
        @JsonProperty("removed_ids") List<String> removedIds,
        List<String> subjects,
        @JsonProperty("already_deleted") List<String> alreadyDeleted,
        Map<String, Object> recomputed,
        @JsonProperty("wall_seconds") double wallSeconds,
        @JsonProperty("model_before") String modelBefore,
        @JsonProperty("model_after") String modelAfter,
        @JsonProperty("hash_before") String hashBefore,
        @JsonProperty("hash_after") String hashAfter,
        String reason,
        String requester,
        Instant time) {
    /** The file a deletion writes into the version it makes. */
    public static final String FILE = "deletion.json";
    /** The format tag; files of another format are refused. */
    public static final String FORMAT = "lethe.deletion-record.v1";

    /** Copies the collections so that a record never changes after it is made. */
    public DeletionRecord {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("a deletion record needs a method");
        }
        if (removedIds == null || time == null) {
            throw new IllegalArgumentException("a deletion record needs removed_ids and time");
        }
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        removedIds = List.copyOf(removedIds);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        alreadyDeleted = alreadyDeleted == null ? List.of() : List.copyOf(alreadyDeleted);
        recomputed = recomputed == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recomputed));
        reason = reason == null ? "" : reason;
        requester = requester == null ? "" : requester;
    }

    // Jackson reads through this factory so that the format tag and the redundant count are checked, not ignored.
    @JsonCreator
    static DeletionRecord read(@JsonProperty(value = "format", required = true) String format,
                               @JsonProperty(value = "method", required = true) String method,
                               @JsonProperty(value = "exact", required = true) boolean exact,
                               @JsonProperty("parameters") Map<String, Object> parameters,
                               @JsonProperty(value = "removed_ids", required = true) List<String> removedIds,
                               @JsonProperty("removed_count") Integer removedCount,
                               @JsonProperty("subjects") List<String> subjects,
                               @JsonProperty("already_deleted") List<String> alreadyDeleted,
                               @JsonProperty("recomputed") Map<String, Object> recomputed,
                               @JsonProperty(value = "wall_seconds", required = true) double wallSeconds,
                               @JsonProperty("model_before") String modelBefore,
                               @JsonProperty("model_after") String modelAfter,
                               @JsonProperty("hash_before") String hashBefore,
                               @JsonProperty("hash_after") String hashAfter,
                               @JsonProperty("reason") String reason,
                               @JsonProperty("requester") String requester,
                               @JsonProperty(value = "time", required = true) Instant time) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', expected " + FORMAT);
        }
        if (removedCount != null && removedCount != removedIds.size()) {
            throw new IllegalArgumentException("removed_count " + removedCount + " but " + removedIds.size()
                    + " removed_ids");
        }
        return new DeletionRecord(method, exact, parameters, removedIds, subjects, alreadyDeleted, recomputed,
                wallSeconds, modelBefore, modelAfter, hashBefore, hashAfter, reason, requester, time);
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }

    /** How many examples were removed (written for readers of the file; checked on reading). */
    @JsonProperty("removed_count")
    public int removedCount() {
        return removedIds.size();
    }

    /** True when the request named only data that was already gone. */
    @JsonIgnore
    public boolean isNoOp() {
        return removedIds.isEmpty();
    }

    /** Writes the record as {@value #FILE} in {@code versionDir}, atomically. */
    public void writeTo(Path versionDir) throws IOException {
        JsonFiles.write(versionDir.resolve(FILE), this);
    }

    /** Reads {@value #FILE} from {@code versionDir}; errors name the file and what is wrong. */
    public static DeletionRecord readFrom(Path versionDir) throws IOException {
        return JsonFiles.read(versionDir.resolve(FILE), DeletionRecord.class, false);
    }
}
