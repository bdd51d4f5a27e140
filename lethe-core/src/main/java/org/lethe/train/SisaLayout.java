package org.lethe.train;

import java.util.HashMap;
import java.util.Map;
import org.lethe.data.Examples;
import org.lethe.train.EpochOrder;

/**
 * Where an example lives in a SISA model. The shard is a keyed hash of the example's subject (its id when it has
 * none), so one person's data sits in one shard; the slice is another keyed hash of the same owner, so it also
 * sits in one slice and deleting it retrains from that slice on. Both depend only on the seed and the example itself, so deleting some examples never moves the others: the precondition for deletion
 * results that equal training from scratch.
 */
public final class SisaLayout {
    private final long seed;
    private final int shards;
    private final int slices;

    public SisaLayout(long seed, int shards, int slices) {
        if (shards < 1 || slices < 1) {
            throw new IllegalArgumentException("need at least one shard and one slice, got " + shards + " and " + slices);
        }
        this.seed = seed;
        this.shards = shards;
        this.slices = slices;
    }

    public int shards() {
        return shards;
    }

    public int slices() {
        return slices;
    }

    /** The shard of an example with this id and subject (null subject: the id decides). */
    public int shardOf(String id, String subject) {
        return (int) Math.floorMod(EpochOrder.key(seed, -1, owner(id, subject)), (long) shards);
    }

    /** The slice (0-based) of an example within its shard, by the same owner rule as the shard. */
    public int sliceOf(String id, String subject) {
        return (int) Math.floorMod(EpochOrder.key(seed, -2, owner(id, subject)), (long) slices);
    }

    /**
     * Places every example of {@code data}: {@code shardOut[i]} and {@code sliceOut[i]} receive example {@code i}'s
     * shard and slice. Equal to calling {@link #shardOf} and {@link #sliceOf} per example; each subject is hashed
     * once (models are reopened on every deletion, so this runs over the whole training set each time).
     */
    public void place(Examples data, int[] shardOut, int[] sliceOut) {
        Map<String, int[]> bySubject = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            String id = data.id(i);
            String subject = data.subject(i);
            int[] place = subject == null ? null : bySubject.get(subject);
            if (place == null) {
                place = new int[] {shardOf(id, subject), sliceOf(id, subject)};
                if (subject != null) {
                    bySubject.put(subject, place);
                }
            }
            shardOut[i] = place[0];
            sliceOut[i] = place[1];
        }
    }

    private static String owner(String id, String subject) {
        return subject != null ? "subject:" + subject : "id:" + id;
    }
}
