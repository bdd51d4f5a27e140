package org.lethe.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.lethe.data.TextCorpus;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.nn.ParameterHash;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.Algebra;

/**
 * A training run with provenance, as the command line and the deletion methods use it: prepares the data,
 * builds model and optimiser from their descriptions, trains with evaluation and checkpoints into a
 * {@link RunDirectory}, and saves the final model with its card. Everything is a function of the saved
 * configuration, so {@link #open} rebuilds the same model, data and provenance later.
 */
public final class TrainingRun {
    public final RunDirectory dir;
    public final ModelSpec modelSpec;
    public final TrainConfig config;
    public final PreparedData data;
    public final ProvenanceLog provenance;
    public final Module model;
    public final Optimizer optimizer;
    public final Algebra algebra;
    private String parent;
    private boolean durableUpdates = true;

    private TrainingRun(RunDirectory dir, ModelSpec modelSpec, TrainConfig config, PreparedData data) {
        this.dir = dir;
        this.modelSpec = modelSpec;
        this.config = config;
        this.data = data;
        this.algebra = ModelSpec.algebra(config.algebra);
        int stepsPerEpoch = (data.train.size() + config.batchSize - 1) / config.batchSize;
        int epochs = config.steps > 0 ? (config.steps + stepsPerEpoch - 1) / stepsPerEpoch : config.epochs;
        this.provenance = new ProvenanceLog(data.provenanceIds(), data.provenanceSubjects(), config.seed,
                config.batchSize, epochs, config.steps);
        if (config.scheduleSteps == 0) {
            config.scheduleSteps = provenance.steps();
        }
        this.model = modelSpec.build(algebra, config.seed);
        this.optimizer = config.buildOptimizer(model.trainableParameters());
    }

    /** A new run in {@code root}, which must not already hold one. Nothing is trained yet. */
    public static TrainingRun create(Path root, ModelSpec spec, TrainConfig config, PreparedData data) throws IOException {
        RunDirectory dir = new RunDirectory(root);
        if (dir.exists()) {
            throw new IOException(root + " already holds a run; resume it or choose another directory");
        }
        config.validate();
        TrainingRun run = new TrainingRun(dir, spec, config, data);
        Files.createDirectories(root);
        dir.writeConfig(run.description());
        dir.writeProvenance(run.provenance);
        data.recordExamples().writeTo(root);
        return run;
    }

    /**
     * A new run in {@code root} with {@code parent}'s architecture and configuration (its schedule horizon
     * included) over other data, typically the parent's data without deleted examples.
     */
    public static TrainingRun derive(Path root, TrainingRun parent, PreparedData data) throws IOException {
        TrainingRun run = create(root, parent.modelSpec, parent.config.copy(), data);
        run.parent = parent.dir.root().toAbsolutePath().toString();
        return run;
    }

    /** The run saved in {@code root}, with freshly initialised weights (use {@link #loadFinalModel} or resume). */
    public static TrainingRun open(Path root) throws IOException {
        RunDirectory dir = new RunDirectory(root);
        RunDescription d = dir.readConfig();
        StoredSetup setup = StoredSetup.of(d.architecture(), d.training(), d.data(), dir.config());
        return new TrainingRun(dir, setup.spec(), setup.config(), setup.data());
    }

    /** The description saved as config.json. */
    public RunDescription description() {
        return new RunDescription(modelSpec, config, data.description);
    }

    /** The training task over the training part of the data. */
    public TrainingTask task() {
        if (data.isText()) {
            return new LanguageModelTask((TextCorpus) data.train, algebra);
        }
        return new ClassificationTask(data.trainDataset(), modelSpec.inputShape(), algebra);
    }

    /** Held-out metrics of the current model. */
    public Map<String, Double> evaluate() {
        if (data.isText()) {
            return Evaluation.languageModel(model, (TextCorpus) data.test, algebra);
        }
        return Evaluation.classifier((Layer) model, data.testDataset(), modelSpec.inputShape(), algebra);
    }

    /**
     * Records this run's updates (when its configuration asks for them) without forcing each to disk: for a run
     * whose updates are deleted seconds after training (an audit cache's amnesiac base, pruned once its deletion is
     * made), where forcing one model's worth of disk per step would cost several times the training itself. After a
     * power cut such a run's updates may be unreadable; they are rebuilt by training again.
     */
    public TrainingRun withUnforcedUpdates() {
        durableUpdates = false;
        return this;
    }

    /** Trains from the latest checkpoint (or the start) to the end, then saves the final model. */
    public Map<String, Double> train(Trainer.Listener listener) throws IOException {
        requireAllData(data, dir.root());
        // The trainer evaluates after the last step; keeping that result saves a second pass over the test data.
        AtomicReference<Map<String, Double>> atEnd = new AtomicReference<>();
        Trainer.Listener metricsLog = new Trainer.Listener() {
            private final UpdateRecorder recorder = config.recordUpdates ? new UpdateRecorder(model, dir.updates(), durableUpdates) : null;

            @Override
            public void beforeStep(int step) {
                if (recorder != null) {
                    recorder.beforeStep(step);
                }
                listener.beforeStep(step);
            }

            @Override
            public void onStep(int step, double loss, double learningRate) {
                if (recorder != null) {
                    recorder.onStep(step, loss, learningRate);
                }
                listener.onStep(step, loss, learningRate);
            }

            @Override
            public void onEvaluation(int completedSteps, Map<String, Double> metrics) {
                MetricsLine rec = new MetricsLine(completedSteps, metrics);
                if (completedSteps == provenance.steps()) {
                    atEnd.set(metrics);
                }
                try {
                    dir.appendMetrics(rec);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                listener.onEvaluation(completedSteps, metrics);
            }

            @Override
            public void onCheckpoint(int completedSteps) {
                listener.onCheckpoint(completedSteps);
            }
        };
        Trainer trainer = new Trainer(model, optimizer, config.buildSchedule(provenance.steps()), provenance, task())
                .listener(metricsLog)
                .evaluateEvery(config.evaluateEvery, this::evaluate)
                .checkpointEvery(config.checkpointEvery, dir.checkpoints());
        dir.dropMetricsAfter(dir.checkpoints().latest().orElse(0));
        trainer.resume();
        Map<String, Double> finalMetrics = atEnd.get() != null ? atEnd.get() : evaluate();
        saveModel(dir.model(), parent);
        return finalMetrics;
    }

    /** Refuses to train on data whose source lost examples the model was trained on: they can only be deleted. */
    static void requireAllData(PreparedData data, Path model) {
        Map<String, String> gone = data.pendingErasure();
        if (!gone.isEmpty()) {
            throw new IllegalStateException("the source data no longer holds " + gone.size() + " of the examples "
                    + model + " was trained on (e.g. " + gone.keySet().iterator().next() + "); it cannot be trained "
                    + "further, only deleted from: delete them (lethe forget) first");
        }
    }

    /** Writes the current weights and their card. */
    public void saveModel(Path weights, String parent) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "lethe.model.v1");
        meta.put("parameters_sha256", ParameterHash.of(model));
        SafeTensors.write(weights, model, meta);
        ModelCard.now(config.seed, parent, new ModelCard.Dataset(data.source, data.train.fingerprint()), modelSpec,
                ModelCard.Training.of(config)).write(ModelCard.cardPathFor(weights));
    }

    /** Loads the run's final weights into {@link #model}. */
    public void loadFinalModel() throws IOException {
        if (!Files.isRegularFile(dir.model())) {
            throw new IOException(dir.root() + " has no final model yet (training did not finish); resume it");
        }
        SafeTensors.load(dir.model(), model);
    }
}
