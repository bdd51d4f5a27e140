package org.lethe.app.cli.model;

import org.lethe.data.Examples;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaLayout;
import org.lethe.train.TrainConfig;

/**
 * What a SISA ensemble would take before it is trained: how many of its shards would be empty, and how much disk
 * its checkpoints (one per shard and slice, each holding the parameters and up to two optimiser moments) would use.
 *
 * @param emptyShards        shards that no training example is placed in
 * @param owners             distinct owners of training examples (subjects, or examples without one)
 * @param perCheckpointBytes an upper estimate of one checkpoint's size
 * @param checkpointBytes    the estimate for all checkpoints
 */
record SisaFootprint(int emptyShards, int owners, long perCheckpointBytes, long checkpointBytes) {
    // Parameters plus at most two optimiser moments of the same size (Adam), in the algebra's element size.
    private static final int COPIES = 3;

    static SisaFootprint of(ModelSpec spec, TrainConfig config, PreparedData data, int shards, int slices) {
        Examples train = data.train;
        int[] shardOf = new int[train.size()];
        int[] sliceOf = new int[train.size()];
        new SisaLayout(config.seed, shards, slices).place(train, shardOf, sliceOf);
        boolean[] used = new boolean[shards];
        for (int s : shardOf) {
            used[s] = true;
        }
        int empty = 0;
        for (boolean u : used) {
            empty += u ? 0 : 1;
        }
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            owners.add(train.subject(i) != null ? "s:" + train.subject(i) : "e:" + train.id(i));
        }
        long parameters = spec.build(ModelSpec.algebra(config.algebra), config.seed).parameterCount();
        long elementBytes = "f64".equals(config.algebra) ? 8 : 4;
        long perCheckpoint = parameters * elementBytes * COPIES;
        return new SisaFootprint(empty, owners.size(), perCheckpoint, perCheckpoint * shards * slices);
    }
}
