package org.lethe.train;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
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
        Integer[] idx = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = key(seed, epoch, ids[i]);
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingLong(i -> keys[i]).thenComparing(i -> ids[i]));
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
