package org.lethe.unlearn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.io.SafeTensors;
import org.lethe.nn.ParameterHash;
import org.lethe.optim.Optimizer;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelVersions;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;
import org.lethe.train.EpochOrder;
import org.lethe.train.TrainingRun;
import org.lethe.train.TrainingTask;
import org.lethe.train.UpdateRecorder;

/**
 * Amnesiac unlearning (approximate): subtract from the final weights the recorded parameter updates of every step
 * whose batch held deleted data, then optionally fine-tune a few steps on retained data to repair the damage.
 * Needs a run trained with {@code record_updates}. It is fast but not exact: the later steps were computed from
 * weights that the deleted data had already shaped, and the subtracted updates also carried the other examples of
 * their batches.
 */
public final class AmnesiacUnlearner implements Unlearner {
    /**
     * Repair steps by default. Without any, subtracting every step that saw a 2% random forget set (nearly all of
     * them) leaves a model at 0.6 of its test accuracy (the unlearning leaderboard's measurement); 60 steps, a tenth
     * of that run's training, bring it back to 0.98 (docs/benchmarks.md).
     */
    public static final int DEFAULT_FINE_TUNE_STEPS = 60;

    /** The registry's description of this method. */
    public static final DeletionMethod METHOD = DeletionMethod.named("amnesiac")
            .needs(Requirement.PROVENANCE, Requirement.RECORDED_UPDATES, Requirement.FORGET_SET, Requirement.RETAIN_DATA)
            .parameter(MethodParameter.integer("fine_tune_steps", DEFAULT_FINE_TUNE_STEPS,
                    "optimiser steps on retained data after the subtraction, to repair the damage"))
            .summary("approximate: subtracts the recorded updates of every step that used deleted data, then "
                    + "optionally fine-tunes on retained data")
            .reportWording("made by an amnesiac (approximate) deletion")
            .auditComparison(AuditComparison.DELETED_FROM_ORIGINAL, "models trained with the forget set recording "
                    + "their updates (other seeds), each then with the forget set deleted by amnesiac unlearning "
                    + "({fine_tune_steps} fine-tune steps)")
            .factory((settings, context) -> new AmnesiacUnlearner(settings.integer("fine_tune_steps")))
            .build();

    private final int fineTuneSteps;

    /** @param fineTuneSteps optimiser steps on retained data after the subtraction (0 for none) */
    public AmnesiacUnlearner(int fineTuneSteps) {
        if (fineTuneSteps < 0) {
            throw new IllegalArgumentException("fine-tune steps must be >= 0, got " + fineTuneSteps);
        }
        this.fineTuneSteps = fineTuneSteps;
    }

    @Override
    public DeletionMethod method() {
        return METHOD;
    }

    @Override
    public MethodSettings settings() {
        return METHOD.settings(java.util.Map.of("fine_tune_steps", fineTuneSteps));
    }

    @Override
    public DeletionRecord forget(Path runDir, DeletionRequest request, Path newVersion) throws Exception {
        long start = System.nanoTime();
        TrainingRun old = TrainingRun.open(runDir);
        if (!old.config.recordUpdates || !Files.isDirectory(old.dir.updates())) {
            throw new IllegalArgumentException(runDir + " was trained without recorded updates; amnesiac deletion needs "
                    + "a run trained with record_updates (lethe train --record-updates)");
        }
        ResolvedDeletion resolved = ResolvedDeletion.resolve(request, old.data);
        if (resolved.isNoOp()) {
            return Deletions.noOp(this, request, resolved, runDir, start);
        }
        old.loadFinalModel();
        String hashBefore = ParameterHash.of(old.model);
        int[] steps = old.provenance.stepsUsingAny(resolved.toDelete);
        Map<String, Tensor> params = old.model.namedParameters();
        for (int step : steps) {
            Path f = UpdateRecorder.file(old.dir.updates(), step);
            if (!Files.isRegularFile(f)) {
                throw new IOException("missing recorded update of step " + step + " (" + f + ")");
            }
            Map<String, NDArray> delta = SafeTensors.read(f).tensors();
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                e.getValue().value().axpyInPlace(-1.0, delta.get(e.getKey()).to(e.getValue().algebra()));
            }
        }
        Path staging = ModelVersions.staging(newVersion);
        try {
            TrainingRun next = TrainingRun.derive(staging, old, old.data.without(resolved.toDelete));
            next.model.loadFrom(old.model);
            fineTune(next);
            next.saveModel(next.dir.model(), runDir.toAbsolutePath().toString());
            String hashAfter = ParameterHash.of(next.model);
            AmnesiacRecomputed recomputed = new AmnesiacRecomputed(steps.length, fineTuneSteps, 0,
                    directorySize(old.dir.updates()));
            return Deletions.publish(this, request, resolved, recomputed, start, runDir, staging, newVersion, hashBefore,
                    hashAfter);
        } catch (Exception e) {
            ModelVersions.discard(staging);
            throw e;
        }
    }

    // Fine-tuning visits retained examples in a fresh seeded order, with the run's optimiser settings. Its steps
    // reseed dropout like every training step (TrainingStep.stepSeed), not with the plain Rng.derive(seed, step)
    // used before: a model with dropout fine-tunes to other weights than it did then; one without is unchanged.
    private void fineTune(TrainingRun run) {
        if (fineTuneSteps == 0) {
            return;
        }
        Optimizer opt = run.config.buildOptimizer(run.model.trainableParameters());
        org.lethe.train.TrainingStep trainingStep = org.lethe.train.TrainingStep.of(run.model, opt);
        TrainingTask task = run.task();
        String[] ids = run.data.trainIds();
        long seed = Rng.derive(run.config.seed, 0xA11E5L);
        int[] order = EpochOrder.order(ids, seed, 0);
        int batch = run.config.batchSize;
        run.model.train(true);
        for (int step = 0, pos = 0; step < fineTuneSteps; step++) {
            if (pos >= order.length) {
                order = EpochOrder.order(ids, seed, step);
                pos = 0;
            }
            int n = Math.min(batch, order.length - pos);
            int[] b = java.util.Arrays.copyOfRange(order, pos, pos + n);
            pos += n;
            trainingStep.run(task, b, opt.learningRate(), seed, step);
        }
        run.model.train(false);
    }

    private static long directorySize(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                total += Files.size(p);
            }
            return total;
        }
    }
}
