package org.lethe.curvature;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.Linear;
import org.lethe.nn.ParameterHash;
import org.lethe.store.ModelVersions;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainingRun;

/** Factor collection and curvature edits on stored training runs (what {@code lethe curvature} does). */
public final class StoredCurvature {
    private StoredCurvature() {
    }

    /**
     * Collects the factors of {@code layers} (all linear layers when empty) of the run's final model, over its
     * training examples or, with {@code dataSource}, over every example of that data set; at most
     * {@code maxExamples} of them (a seeded sample) when positive.
     */
    public static KfacFactors collect(Path runDir, String dataSource, List<String> layers, FisherKind fisher,
                                      int maxExamples, long seed, IntConsumer progress) throws IOException {
        TrainingRun run = classifierRun(runDir);
        run.loadFinalModel();
        Dataset data = dataSource == null ? run.data.trainDataset()
                : PreparedData.prepare(dataSource, 0.0, 0, 0, null).trainDataset();
        int[] examples = new int[data.size()];
        for (int i = 0; i < examples.length; i++) {
            examples[i] = i;
        }
        if (maxExamples > 0 && maxExamples < examples.length) {
            int[] perm = new Rng(Rng.derive(seed, 1)).permutation(examples.length);
            examples = java.util.Arrays.copyOf(perm, maxExamples);
            java.util.Arrays.sort(examples);
        }
        Map<String, Linear> selected = LinearLayers.select(run.model, layers);
        ClassificationTask task = new ClassificationTask(data, run.modelSpec.inputShape(), run.algebra);
        return new FactorCollector((Layer) run.model, selected, fisher, seed).progress(progress).collect(task, examples);
    }

    /**
     * Edits {@code layers} of the run's final model at keep-mass {@code rho} and publishes the result as the new
     * model version {@code out} (built in staging, renamed into place when complete).
     */
    public static CurvatureEditRecord edit(Path runDir, Path factorFile, List<String> layers, double rho, Path out)
            throws IOException {
        long start = System.nanoTime();
        if (!(rho > 0)) {
            throw new IllegalArgumentException("--keep-mass must be positive, got " + rho);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("name the layers to edit");
        }
        KfacFactors factors = KfacFactors.read(factorFile);
        TrainingRun old = classifierRun(runDir);
        old.loadFinalModel();
        String hashBefore = ParameterHash.of(old.model);
        Map<String, Linear> selected = LinearLayers.select(old.model, layers);
        List<LayerEditor> editors = new ArrayList<>();
        for (Map.Entry<String, Linear> e : selected.entrySet()) {
            editors.add(LayerEditor.of(e.getKey(), e.getValue(), factors.layer(e.getKey())));
        }
        List<LayerEdit> edits = new ArrayList<>();
        for (LayerEditor editor : editors) {
            edits.add(editor.apply(rho));
        }
        Path staging = ModelVersions.staging(out);
        try {
            TrainingRun next = TrainingRun.derive(staging, old, old.data);
            next.model.loadFrom(old.model);
            String before = runDir.toAbsolutePath().normalize().toString();
            next.saveModel(next.dir.model(), before);
            CurvatureEditRecord record = new CurvatureEditRecord(CurvatureEditRecord.METHOD, before,
                    out.toAbsolutePath().normalize().toString(), factorFile.toAbsolutePath().normalize().toString(),
                    factors.fisher().label(), edits, hashBefore, ParameterHash.of(next.model),
                    (System.nanoTime() - start) / 1e9, Instant.now());
            record.writeTo(staging);
            ModelVersions.publish(staging, out);
            return record;
        } catch (IOException | RuntimeException e) {
            ModelVersions.discard(staging);
            throw e;
        }
    }

    private static TrainingRun classifierRun(Path runDir) throws IOException {
        TrainingRun run = TrainingRun.open(runDir);
        if (run.data.isText()) {
            throw new IllegalArgumentException(runDir + " is a language model; curvature commands take classifiers");
        }
        return run;
    }
}
