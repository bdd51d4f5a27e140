package org.lethe.unlearn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.lethe.nn.ParameterHash;
import org.lethe.train.ProvenanceLog;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

/**
 * Exact deletion from an ordinary (single) model trained with provenance and periodic checkpoints, "trading disk
 * for privacy": restore the last checkpoint taken before the first step that used deleted data, then replay the
 * remaining steps on the data without the deleted examples.
 *
 * <p>The counterfactual, precisely: the model that the same configuration (architecture, optimiser, seed,
 * batch size, epochs and learning-rate schedule with its saved horizon) produces when trained from scratch on the
 * training set minus the deleted examples. Because each epoch visits examples in the {@link
 * org.lethe.train.EpochOrder} of their ids, that run sees the same batches as the original until the first batch
 * that held a deleted example, so the original's checkpoints up to there are valid states of the counterfactual.
 *
 * <p>With {@code fromScratch} the same code retrains everything, which is the {@code retrain} method.
 */
public final class ReplayUnlearner implements Unlearner {
    private final boolean fromScratch;
    private final Trainer.Listener listener;

    public ReplayUnlearner(boolean fromScratch, Trainer.Listener listener) {
        this.fromScratch = fromScratch;
        this.listener = listener == null ? new Trainer.Listener() { } : listener;
    }

    @Override
    public String method() {
        return fromScratch ? "retrain" : "replay";
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public DeletionRecord forget(Path runDir, DeletionRequest request, Path newVersion) throws Exception {
        long start = System.nanoTime();
        TrainingRun old = TrainingRun.open(runDir);
        ResolvedDeletion resolved = ResolvedDeletion.resolve(request, old.data.train, Deletions.deletedIds(old.data));
        if (resolved.isNoOp()) {
            return Deletions.noOp(method(), exact(), request, resolved, runDir, start);
        }
        old.loadFinalModel();
        String hashBefore = ParameterHash.of(old.model);
        ProvenanceLog log = old.provenance;
        int firstAffected = Integer.MAX_VALUE;
        for (String id : resolved.toDelete) {
            firstAffected = Math.min(firstAffected, log.stepsUsing(id)[0]);
        }
        int restoreFrom = 0;
        if (!fromScratch) {
            OptionalInt c = old.dir.checkpoints().latestAtMost(firstAffected);
            restoreFrom = c.orElse(0);
        }
        Path staging = ModelVersions.staging(newVersion);
        try {
            TrainingRun next = TrainingRun.derive(staging, old, old.data.without(resolved.toDelete));
            if (restoreFrom > 0) {
                ModelVersions.share(old.dir.checkpoints().file(restoreFrom), next.dir.checkpoints().file(restoreFrom));
            }
            next.train(listener);
            String hashAfter = ParameterHash.of(next.model);
            Map<String, Object> recomputed = new LinkedHashMap<>();
            recomputed.put("first_affected_step", firstAffected);
            recomputed.put("restored_after_step", restoreFrom);
            recomputed.put("steps_replayed", next.provenance.steps() - restoreFrom);
            recomputed.put("steps_total", next.provenance.steps());
            return Deletions.publish(this, request, resolved, recomputed, start, runDir, staging, newVersion, hashBefore,
                    hashAfter);
        } catch (Exception e) {
            ModelVersions.discard(staging);
            throw e;
        }
    }
}
