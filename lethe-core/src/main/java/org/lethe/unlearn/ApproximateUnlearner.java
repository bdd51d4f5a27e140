package org.lethe.unlearn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.ParameterHash;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelVersions;
import org.lethe.train.TrainingRun;

/**
 * Carries out any {@link ApproximateDeletion} on a stored training run: resolves the request against the run's
 * examples, loads the final weights, builds the {@link ForgetProblem} (the run's training data with the forget set,
 * its held-out split, its settings), lets the algorithm edit the weights, and publishes them as a new version whose
 * record holds the settings (the seed among them) and the figures the algorithm noted. The new version's data
 * description excludes the forgotten examples, as for every other method, so later requests resolve against it.
 */
public final class ApproximateUnlearner implements Unlearner {
    private final DeletionMethod method;
    private final MethodSettings settings;
    private final ApproximateDeletion algorithm;

    ApproximateUnlearner(DeletionMethod method, MethodSettings settings, ApproximateDeletion algorithm) {
        this.method = method;
        this.settings = settings;
        this.algorithm = algorithm;
    }

    @Override
    public DeletionMethod method() {
        return method;
    }

    @Override
    public MethodSettings settings() {
        return settings;
    }

    @Override
    public DeletionRecord forget(Path runDir, DeletionRequest request, Path newVersion) throws Exception {
        long start = System.nanoTime();
        TrainingRun old = TrainingRun.open(runDir);
        if (old.data.isText()) {
            throw new IllegalArgumentException("method " + method.name() + " deletes from classifiers; " + runDir
                    + " is a language model");
        }
        ResolvedDeletion resolved = ResolvedDeletion.resolve(request, old.data);
        if (resolved.isNoOp()) {
            return Deletions.noOp(this, request, resolved, runDir, start);
        }
        if (!java.util.Collections.disjoint(resolved.toDelete, old.data.pendingErasure().keySet())) {
            throw new IllegalArgumentException("method " + method.name() + " needs the forgotten examples' data, which "
                    + "the source no longer holds (they were erased from it first); use an exact method (replay, "
                    + "retrain)");
        }
        old.loadFinalModel();
        String hashBefore = ParameterHash.of(old.model);
        Dataset train = old.data.trainDataset();
        int[] forget = new int[resolved.toDelete.size()];
        int k = 0;
        for (String id : resolved.toDelete) {
            forget[k++] = train.indexOf(id);
        }
        ForgetProblem problem = ForgetProblem.of((Layer) old.model, old.modelSpec, old.config, train, forget,
                old.data.testDataset(), settings.integer(DeletionMethod.SEED), settings);
        algorithm.apply(problem);
        Path staging = ModelVersions.staging(newVersion);
        try {
            TrainingRun next = TrainingRun.derive(staging, old, old.data.without(resolved.toDelete));
            next.model.loadFrom(old.model);
            next.saveModel(next.dir.model(), runDir.toAbsolutePath().toString());
            String hashAfter = ParameterHash.of(next.model);
            Map<String, Object> recomputed = new LinkedHashMap<>(problem.figures());
            return Deletions.publish(this, request, resolved, recomputed, start, runDir, staging, newVersion,
                    hashBefore, hashAfter);
        } catch (Exception e) {
            ModelVersions.discard(staging);
            throw e;
        }
    }
}
