package org.lethe.unlearn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.lethe.data.Dataset;
import org.lethe.exec.JobRunner;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;
import org.lethe.store.ModelVersions;
import org.lethe.train.SisaModel;

/**
 * Exact deletion from a {@link SisaModel}: in every shard that holds deleted data, restore the checkpoint before
 * the earliest slice holding any of it and retrain the remaining stages without the deleted examples. All requested
 * examples are removed in one pass, so each affected shard retrains once. Unaffected shards and stages are shared
 * with the previous version.
 */
public final class SisaUnlearner implements Unlearner {
    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("sisa").exact().appliesTo(ModelKind.SISA)
            .needs(Requirement.CHECKPOINTS, Requirement.FORGET_SET)
            .summary("exact: retrains, in each shard holding deleted data, the stages from the first slice that held it")
            .reportWording("made by an exact SISA deletion")
            .auditComparison(AuditComparison.DELETED_FROM_ORIGINAL, "SISA ensembles trained with the forget set "
                    + "(other seeds), each then with the forget set deleted by SISA")
            .factory((settings, context) -> new SisaUnlearner(context.runner()))
            .build();

    private final JobRunner runner;

    /** @param runner trains the affected shards, side by side */
    public SisaUnlearner(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public DeletionMethod method() {
        return METHOD;
    }

    @Override
    public MethodSettings settings() {
        return METHOD.defaults();
    }

    @Override
    public DeletionRecord forget(Path modelDir, DeletionRequest request, Path newVersion) throws Exception {
        long start = System.nanoTime();
        SisaModel old = SisaModel.open(modelDir);
        Dataset train = old.data.trainDataset();
        ResolvedDeletion resolved = ResolvedDeletion.resolve(request, old.data);
        if (resolved.isNoOp()) {
            return Deletions.noOp(this, request, resolved, modelDir, start);
        }
        String hashBefore = old.hash();
        // Earliest affected stage (0-based slice) per shard.
        Map<Integer, Integer> fromStage = new TreeMap<>();
        for (int i = 0; i < train.size(); i++) {
            if (resolved.toDelete.contains(train.id(i))) {
                fromStage.merge(old.shardOf(i), old.sliceOf(i), Math::min);
            }
        }
        // Examples erased from the source first are placed by the same rule as every other example.
        for (Map.Entry<String, String> e : old.data.pendingErasure().entrySet()) {
            fromStage.merge(old.layout.shardOf(e.getKey(), e.getValue()), old.layout.sliceOf(e.getKey(), e.getValue()),
                    Math::min);
        }
        Path staging = ModelVersions.staging(newVersion);
        try {
            SisaModel next = old.withData(staging, old.data.without(resolved.toDelete));
            next.writeDescription(staging);
            for (int s = 0; s < old.shards(); s++) {
                int keep = fromStage.getOrDefault(s, old.slices());
                for (int r = 1; r <= keep; r++) {
                    ModelVersions.share(old.checkpoints(s).file(r), next.checkpoints(s).file(r));
                }
            }
            next.trainShards(fromStage, runner, null);
            String hashAfter = next.hash();
            Map<Integer, Integer> firstSlice = new LinkedHashMap<>();
            int stages = 0;
            for (Map.Entry<Integer, Integer> e : fromStage.entrySet()) {
                firstSlice.put(e.getKey(), e.getValue() + 1);
                stages += old.slices() - e.getValue();
            }
            SisaRecomputed recomputed = new SisaRecomputed(new ArrayList<>(fromStage.keySet()), firstSlice, stages,
                    old.shards() * old.slices());
            return Deletions.publish(this, request, resolved, recomputed, start, modelDir, staging, newVersion, hashBefore,
                    hashAfter);
        } catch (Exception e) {
            ModelVersions.discard(staging);
            throw e;
        }
    }
}
