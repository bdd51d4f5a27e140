package org.lethe.sketch;

import java.io.IOException;
import java.util.ArrayList;

/**
 * How another process rebuilds a {@link MicroGptExperiment}: from its documents, or from the bundled names corpus
 * when {@code documents} is null (so that the corpus is not sent with every job). The experiment is otherwise fixed
 * (seed, steps, model), so the same documents give the same experiment bit for bit.
 *
 * @param documents the experiment's documents as {@link MicroGptExperiment#of} takes them, or null for the names
 */
record MicroGptRecipe(ArrayList<String> documents) implements TrainingRecipe {
    @Override
    public MicroGptExperiment training() throws IOException {
        return documents == null ? MicroGptExperiment.names() : MicroGptExperiment.of(documents);
    }

    @Override
    public Measurement measurement(WeightedTraining training, String name) {
        return ((MicroGptExperiment) training).measurement(name);
    }
}
