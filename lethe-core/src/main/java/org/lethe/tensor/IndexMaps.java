package org.lethe.tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Index maps for data movement (permutations, im2col, pooling windows). Moving data by a precomputed map keeps
 * such operations algebra-independent: the same map drives a float, double or series gather. Maps depend only on
 * shapes, so they are cached.
 */
public final class IndexMaps {
    private static final int CACHE_LIMIT = 64;
    private static final Map<String, int[]> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > CACHE_LIMIT;
        }
    };

    private IndexMaps() {
    }

    /** Looks up or builds a map. Builders must be pure functions of the key. */
    public static int[] cached(String key, java.util.function.Supplier<int[]> builder) {
        synchronized (CACHE) {
            int[] m = CACHE.get(key);
            if (m != null) {
                return m;
            }
        }
        int[] built = builder.get();
        synchronized (CACHE) {
            CACHE.put(key, built);
        }
        return built;
    }

    /** Shape after permuting axes. */
    public static int[] permutedShape(int[] shape, int[] perm) {
        if (perm.length != shape.length) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " for shape " + Shapes.str(shape));
        }
        int[] out = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            int p = perm[i];
            if (p < 0 || p >= perm.length || seen[p]) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
            }
            seen[p] = true;
            out[i] = shape[p];
        }
        return out;
    }

    /** Source index of each output element when permuting axes. */
    public static int[] permute(int[] shape, int[] perm) {
        int[] outShape = permutedShape(shape, perm);
        String key = "perm" + Arrays.toString(shape) + Arrays.toString(perm);
        return cached(key, () -> {
            int[] srcStrides = Shapes.strides(shape);
            int rank = shape.length;
            int[] stride = new int[rank];
            for (int i = 0; i < rank; i++) {
                stride[i] = srcStrides[perm[i]];
            }
            int n = Shapes.size(outShape);
            int[] map = new int[n];
            int[] idx = new int[rank];
            int src = 0;
            for (int i = 0; i < n; i++) {
                map[i] = src;
                for (int d = rank - 1; d >= 0; d--) {
                    idx[d]++;
                    src += stride[d];
                    if (idx[d] < outShape[d]) {
                        break;
                    }
                    src -= stride[d] * outShape[d];
                    idx[d] = 0;
                }
            }
            return map;
        });
    }
}
