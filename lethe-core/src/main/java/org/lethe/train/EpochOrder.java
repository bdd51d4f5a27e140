package org.lethe.train;

import java.nio.charset.StandardCharsets;
import org.lethe.tensor.Rng;

/**
 * The order in which an epoch visits examples: ascending by a keyed hash of {@code (seed, epoch, example id)},
 * ties broken by the id itself.
 *
 * <p>Because each example's position key depends only on its own id, removing examples from a data set leaves
 * the relative order of the others unchanged. Training on the reduced set with the same seed therefore sees the
 * same sequence minus the removed examples, which is the counterfactual that exact deletion reproduces.
 */
public final class EpochOrder {
    private EpochOrder() {
    }

    /** The sort key of one example in one epoch. */
    public static long key(long seed, int epoch, String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return Rng.derive(Rng.derive(seed, epoch), h);
    }

    /** Indices into {@code ids} in visiting order for {@code epoch}. */
    public static int[] order(String[] ids, long seed, int epoch) {
        long[] keys = new long[ids.length];
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = key(seed, epoch, ids[i]);
            out[i] = i;
        }
        // A merge sort on primitive indices: boxing every index for a comparator sort cost more than the hashing.
        sort(out, new int[out.length], 0, out.length, keys, ids);
        return out;
    }

    private static void sort(int[] a, int[] scratch, int from, int to, long[] keys, String[] ids) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, scratch, from, mid, keys, ids);
        sort(a, scratch, mid, to, keys, ids);
        System.arraycopy(a, from, scratch, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && precedes(scratch[i], scratch[j], keys, ids))) {
                a[k] = scratch[i++];
            } else {
                a[k] = scratch[j++];
            }
        }
    }

    // Ascending key, ties by id; "not after" keeps the sort stable.
    private static boolean precedes(int x, int y, long[] keys, String[] ids) {
        int c = Long.compare(keys[x], keys[y]);
        return c < 0 || (c == 0 && ids[x].compareTo(ids[y]) <= 0);
    }
}
