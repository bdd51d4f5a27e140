package org.lethe.unlearn;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.lethe.nn.ParameterHash;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelVersions;
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
    /** Replay from the last checkpoint before the first affected step. */
    public static final DeletionMethod REPLAY = describe("replay", false, "exact: restores the last checkpoint before the "
            + "first step that used deleted data and replays the rest without it", "made by an exact replay deletion",
            "replay", Requirement.PROVENANCE, Requirement.CHECKPOINTS, Requirement.FORGET_SET);
    /** The same code from step 0: retraining from scratch without the data. */
    public static final DeletionMethod RETRAIN = describe("retrain", true, "exact: retrains from scratch without the "
            + "deleted data", "made by retraining without the forget set", "retrain", Requirement.PROVENANCE,
            Requirement.FORGET_SET);

    private final boolean fromScratch;
    private final Trainer.Listener listener;

    /**
     * @param fromScratch retrain from step 0 ({@link #RETRAIN}) instead of replaying from a checkpoint
     * @param listener    observes the replayed steps (may be null)
     */
    public ReplayUnlearner(boolean fromScratch, Trainer.Listener listener) {
        this.fromScratch = fromScratch;
        this.listener = listener == null ? new Trainer.Listener() { } : listener;
    }

    // Both variants yield the retrained model of their seed, so audits compare them with retrained models.
    private static DeletionMethod describe(String name, boolean fromScratch, String summary, String wording,
                                           String self, Requirement... needs) {
        return DeletionMethod.named(name).exact().needs(needs).summary(summary).reportWording(wording)
                .auditComparison(AuditComparison.RETRAINED_FROM_SCRATCH, "{models} retrained from scratch without "
                        + "the forget set, with seeds other than the references' (a second independent set; " + self
                        + " gives exactly this model for its seed)")
                .factory((settings, context) -> new ReplayUnlearner(fromScratch, context.listener()))
                .build();
    }

    @Override
    public DeletionMethod method() {
        return fromScratch ? RETRAIN : REPLAY;
    }

    @Override
    public MethodSettings settings() {
        return method().defaults();
    }

    @Override
    public DeletionRecord forget(Path runDir, DeletionRequest request, Path newVersion) throws Exception {
        long start = System.nanoTime();
        TrainingRun old = TrainingRun.open(runDir);
        ResolvedDeletion resolved = ResolvedDeletion.resolve(request, old.data);
        if (resolved.isNoOp()) {
            return Deletions.noOp(this, request, resolved, runDir, start);
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
            ReplayRecomputed recomputed = new ReplayRecomputed(firstAffected, restoreFrom,
                    next.provenance.steps() - restoreFrom, next.provenance.steps());
            return Deletions.publish(this, request, resolved, recomputed, start, runDir, staging, newVersion, hashBefore,
                    hashAfter);
        } catch (Exception e) {
            ModelVersions.discard(staging);
            throw e;
        }
    }
}
