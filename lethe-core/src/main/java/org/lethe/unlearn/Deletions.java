package org.lethe.unlearn;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.io.JsonFiles;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelVersions;
import org.lethe.train.PreparedData;

/** Helpers shared by the deletion methods. */
final class Deletions {
    private Deletions() {
    }

    /** Ids removed by earlier deletions of this data, with their subjects. */
    static Map<String, String> deletedIds(PreparedData data) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String id : data.excludedIds()) {
            m.put(id, data.subjectOf(id));
        }
        return m;
    }

    /**
     * Records a finished deletion inside its staging directory and renames the directory into place as the new
     * version: the last two steps of every method. {@code recomputed} is the method's own record of what it
     * recomputed (such as {@link SisaRecomputed}), or a map of figures for methods whose figures vary with settings.
     */
    static DeletionRecord publish(Unlearner method, DeletionRequest request, ResolvedDeletion resolved,
                                  Object recomputed, long startNanos, Path model, Path staging,
                                  Path newVersion, String hashBefore, String hashAfter) throws java.io.IOException {
        DeletionRecord record = new DeletionRecord(method.method().name(), method.method().exact(),
                method.settings().values(), resolved.sortedIds(), new ArrayList<>(request.subjects()),
                new ArrayList<>(resolved.alreadyDeleted), JsonFiles.toMap(recomputed), (System.nanoTime() - startNanos) / 1e9,
                absolute(model), absolute(newVersion), hashBefore, hashAfter, request.reason(), request.requester(),
                Instant.now());
        record.writeTo(staging);
        ModelVersions.publish(staging, newVersion);
        return record;
    }

    /** The record of a request that named only data already deleted. */
    static DeletionRecord noOp(Unlearner method, DeletionRequest request, ResolvedDeletion resolved, Path model,
                               long startNanos) {
        List<String> subjects = new ArrayList<>(request.subjects());
        return new DeletionRecord(method.method().name(), method.method().exact(), method.settings().values(),
                List.of(), subjects, new ArrayList<>(resolved.alreadyDeleted), Map.of(), (System.nanoTime() - startNanos) / 1e9, absolute(model), absolute(model), null, null,
                request.reason(), request.requester(), Instant.now());
    }

    // Records name versions by absolute path, so that they mean the same from any working directory.
    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
