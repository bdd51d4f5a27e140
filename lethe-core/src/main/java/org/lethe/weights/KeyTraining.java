package org.lethe.weights;

import java.util.Arrays;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.optim.Optimizer;
import org.lethe.train.ClassificationTask;
import org.lethe.train.ModelSpec;
import org.lethe.train.ProvenanceLog;
import org.lethe.train.TrainConfig;
import org.lethe.train.Trainer;

/**
 * Trains a classifier from given starting weights on some examples, through the one training loop
 * ({@link Trainer}): how a dictionary key (a task vector from the shared base) and the models it is compared with
 * are made. The run is a function of the starting weights, the examples, the configuration and its seed.
 */
public final class KeyTraining {
    private KeyTraining() {
    }

    /**
     * A model of {@code spec} that starts at {@code start} and trains on the examples {@code indices} of
     * {@code data} with {@code config} (its optimiser, rate, schedule, batch size, epochs or steps, seed).
     */
    public static Layer train(ModelSpec spec, WeightSet start, Dataset data, int[] indices, TrainConfig config) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("no examples to train on");
        }
        config.validate();
        Module model = spec.build(ModelSpec.algebra(config.algebra), config.seed);
        start.applyTo(model);
        Dataset subset = data.select(indices);
        String[] ids = subset.ids().toArray(new String[0]);
        int stepsPerEpoch = (ids.length + config.batchSize - 1) / config.batchSize;
        int epochs = config.steps > 0 ? (config.steps + stepsPerEpoch - 1) / stepsPerEpoch : config.epochs;
        ProvenanceLog log = new ProvenanceLog(ids, null, config.seed, config.batchSize, epochs, config.steps);
        Optimizer optimizer = config.buildOptimizer(model.trainableParameters());
        new Trainer(model, optimizer, config.buildSchedule(log.steps()), log,
                new ClassificationTask(subset, spec.inputShape(), ModelSpec.algebra(config.algebra))).run();
        model.train(false);
        return (Layer) model;
    }

    /** The indices of the examples of {@code data} whose label is in {@code classes}. */
    public static int[] withLabels(Dataset data, int... classes) {
        boolean[] wanted = new boolean[Math.max(data.classCount(), Arrays.stream(classes).max().orElse(0) + 1)];
        for (int c : classes) {
            wanted[c] = true;
        }
        return java.util.stream.IntStream.range(0, data.size()).filter(i -> wanted[data.label(i)]).toArray();
    }
}
