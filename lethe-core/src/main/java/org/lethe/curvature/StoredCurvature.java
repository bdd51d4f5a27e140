package org.lethe.curvature;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.lethe.data.Dataset;
import org.lethe.data.Examples;
import org.lethe.data.TextCorpus;
import org.lethe.nn.HookedLayer;
import org.lethe.nn.Layer;
import org.lethe.nn.ParameterHash;
import org.lethe.store.ModelVersions;
import org.lethe.tensor.Rng;
import org.lethe.train.ClassificationTask;
import org.lethe.train.LanguageModelTask;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainingRun;

/** Factor collection and curvature edits on stored training runs (what {@code lethe curvature} does). */
public final class StoredCurvature {
    private StoredCurvature() {
    }

    /**
     * Collects the factors of {@code layers} (all linear and convolutional layers when empty) of the run's final
     * model, over its training examples or, for a classifier with {@code dataSource}, over every example of that data
     * set; at most {@code maxExamples} of them (a seeded sample) when positive. For a language model the examples are
     * its training documents and every predicted position is one sample.
     */
    public static KfacFactors collect(Path runDir, String dataSource, List<String> layers, FisherKind fisher,
                                      int maxExamples, long seed, IntConsumer progress) throws IOException {
        TrainingRun run = TrainingRun.open(runDir);
        if (run.data.isText() && dataSource != null) {
            throw new IllegalArgumentException("--data takes classifier runs; a language model's factors are"
                    + " collected over its own training documents");
        }
        run.loadFinalModel();
        Examples data = dataSource == null ? run.data.train
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
        FactorCollector collector = new FactorCollector(run.model, EditableLayers.select(run.model, layers), fisher,
                seed).progress(progress);
        if (data instanceof TextCorpus corpus) {
            return collector.collect(new LanguageModelTask(corpus, run.algebra), examples);
        }
        return collector.collect(new ClassificationTask((Dataset) data, run.modelSpec.inputShape(), run.algebra),
                examples);
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
        TrainingRun old = TrainingRun.open(runDir);
        old.loadFinalModel();
        String hashBefore = ParameterHash.of(old.model);
        Map<String, HookedLayer> selected = EditableLayers.select(old.model, layers);
        List<LayerEdit> edits = new ArrayList<>();
        for (LayerEditor editor : LayerEditor.all(selected, factors).values()) {
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

    /**
     * The spectra of {@code factorFile}'s layers for the run's final model, with the band diagnostic over the
     * training examples named in {@code memorisedIds} against up to {@code maxClean} of the others (a seeded sample).
     */
    public static List<LayerSpectrum> spectrum(Path runDir, Path factorFile, List<String> memorisedIds, int maxClean,
                                               long seed) throws IOException {
        if (maxClean < 1) {
            throw new IllegalArgumentException("the clean sample needs at least one example, got " + maxClean);
        }
        KfacFactors factors = KfacFactors.read(factorFile);
        TrainingRun run = classifierRun(runDir);
        run.loadFinalModel();
        Dataset data = run.data.trainDataset();
        java.util.Set<Integer> memorised = new java.util.TreeSet<>();
        for (String id : memorisedIds) {
            int i = data.indexOf(id);
            if (i < 0) {
                throw new IllegalArgumentException("no training example with id '" + id + "'");
            }
            memorised.add(i);
        }
        if (memorised.isEmpty()) {
            throw new IllegalArgumentException("the memorised-examples list is empty");
        }
        List<Integer> others = new ArrayList<>();
        for (int i : new Rng(Rng.derive(seed, 2)).permutation(data.size())) {
            if (!memorised.contains(i) && others.size() < maxClean) {
                others.add(i);
            }
        }
        if (others.isEmpty()) {
            throw new IllegalArgumentException("every training example is in the memorised list; none is clean");
        }
        Map<String, HookedLayer> layers = EditableLayers.select(run.model, factors.names());
        Map<String, Eigenbasis> inputs = new java.util.LinkedHashMap<>();
        Map<String, Eigenbasis> outputs = new java.util.LinkedHashMap<>();
        for (String name : layers.keySet()) {
            inputs.put(name, Eigenbasis.of(factors.layer(name).a()));
            outputs.put(name, Eigenbasis.of(factors.layer(name).g()));
        }
        ClassificationTask task = new ClassificationTask(data, run.modelSpec.inputShape(), run.algebra);
        List<BandDiagnostic.LayerBands> bands = BandDiagnostic.measure((Layer) run.model, layers, inputs, task,
                memorised.stream().mapToInt(Integer::intValue).toArray(),
                others.stream().mapToInt(Integer::intValue).sorted().toArray());
        List<LayerSpectrum> out = new ArrayList<>();
        int k = 0;
        for (String name : layers.keySet()) {
            out.add(LayerSpectrum.of(name, inputs.get(name), outputs.get(name), bands.get(k++)));
        }
        return out;
    }

    private static TrainingRun classifierRun(Path runDir) throws IOException {
        TrainingRun run = TrainingRun.open(runDir);
        if (run.data.isText()) {
            throw new IllegalArgumentException(runDir + " is a language model; the spectrum's band diagnostic takes"
                    + " classifiers");
        }
        return run;
    }
}
