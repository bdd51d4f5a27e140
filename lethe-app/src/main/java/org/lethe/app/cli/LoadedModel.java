package org.lethe.app.cli;

import java.io.IOException;
import java.util.Map;
import org.lethe.data.DatasetSource;
import org.lethe.data.Examples;
import org.lethe.nn.Module;
import org.lethe.store.StoredModel;
import org.lethe.tensor.Algebra;
import org.lethe.train.ModelCard;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainingRun;

/**
 * A model with trained weights, ready to evaluate or predict: rebuilt from its run (with the run's data and split)
 * or, for a model file outside a run, from its card (with the data set the card names).
 */
public final class LoadedModel {
    public final StoredModel ref;
    public final ModelCard card;
    public final ModelSpec spec;
    public final Algebra algebra;
    public final Module model;
    /** The run, or null for a model file outside any run. */
    public final TrainingRun run;

    private LoadedModel(StoredModel ref, ModelCard card, ModelSpec spec, Algebra algebra, Module model, TrainingRun run) {
        this.ref = ref;
        this.card = card;
        this.spec = spec;
        this.algebra = algebra;
        this.model = model;
        this.run = run;
    }

    /** Builds the model {@code ref} names and loads its weights. */
    public static LoadedModel load(StoredModel ref) throws IOException {
        ModelCard card = ref.card();
        if (ref.runDirectory() != null) {
            TrainingRun run = ref.loadRun();
            return new LoadedModel(ref, card, run.modelSpec, run.algebra, run.model, run);
        }
        Module model = ref.loadModule();
        return new LoadedModel(ref, card, card.architecture(), StoredModel.algebraOf(card), model, null);
    }

    /** Every example of the data the model was trained from (training and held-out parts of a run). */
    public Examples allData() throws IOException {
        return run != null ? run.data.all : DatasetSource.load(card.dataset().name());
    }

    /** The run's prepared data, or null outside a run. */
    public PreparedData runData() {
        return run == null ? null : run.data;
    }

    /** Which part of the run's split example {@code id} is in: train, test, or null when unknown. */
    public String splitOf(String id) {
        if (run == null) {
            return null;
        }
        if (run.data.train.indexOf(id) >= 0) {
            return "train";
        }
        return run.data.test.indexOf(id) >= 0 ? "test" : null;
    }

    /** The architecture, for display. */
    public Map<String, Object> architecture() {
        return spec.toMap();
    }
}
