package org.lethe.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.optim.Optimizer;

/**
 * The one training loop of Lethe, for every model and algebra. Step {@code t} takes its examples from the
 * {@link ProvenanceLog} and is one {@link TrainingStep} at the schedule's rate, whose randomness (dropout) derives
 * from {@code (seed, t)}. Because nothing else carries state between steps, a run resumed from a checkpoint
 * continues bit-identically.
 */
public final class Trainer {
    /** Observes a run; all methods are optional. */
    public interface Listener {
        /** Before each optimiser step's forward pass. */
        default void beforeStep(int step) {
        }

        /** After each optimiser step, with the batch loss and the rate used. */
        default void onStep(int step, double loss, double learningRate) {
        }

        /** After each evaluation. */
        default void onEvaluation(int completedSteps, Map<String, Double> metrics) {
        }

        /** After each checkpoint is taken (it may still be on its way to disk until the run returns). */
        default void onCheckpoint(int completedSteps) {
        }
    }

    private final Module model;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final ProvenanceLog log;
    private final TrainingTask task;
    private final TrainingStep trainingStep;
    private Listener listener = new Listener() { };
    private int evaluateEvery;
    private Supplier<Map<String, Double>> evaluation;
    private int checkpointEvery;
    private Checkpoints checkpoints;

    /**
     * @param schedule the learning rate per step, or null to keep the optimiser's rate
     */
    public Trainer(Module model, Optimizer optimizer, LearningRateSchedule schedule, ProvenanceLog log, TrainingTask task) {
        this.model = model;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.log = log;
        this.task = task;
        this.trainingStep = TrainingStep.of(model, optimizer);
    }

    public Trainer listener(Listener l) {
        this.listener = l;
        return this;
    }

    /** Evaluates every {@code every} steps and after the last step. */
    public Trainer evaluateEvery(int every, Supplier<Map<String, Double>> eval) {
        this.evaluateEvery = every;
        this.evaluation = eval;
        return this;
    }

    /** Checkpoints every {@code every} steps (and after the last step). */
    public Trainer checkpointEvery(int every, Checkpoints store) {
        this.checkpointEvery = every;
        this.checkpoints = store;
        return this;
    }

    /** Trains every step of the log from the beginning. */
    public void run() {
        run(0, log.steps());
    }

    /** Restores the latest checkpoint (if any) and trains the remaining steps. Returns the step resumed from. */
    public int resume() throws IOException {
        if (checkpoints == null) {
            throw new IllegalStateException("resume needs a checkpoint store");
        }
        int from = 0;
        java.util.OptionalInt latest = checkpoints.latest();
        if (latest.isPresent()) {
            from = latest.getAsInt();
            checkpoints.load(from, model, optimizer);
        }
        run(from, log.steps());
        return from;
    }

    /** Trains steps {@code [from, to)}; the model and optimiser must hold the state after {@code from} steps. */
    public void run(int from, int to) {
        if (from < 0 || to > log.steps() || from > to) {
            throw new IllegalArgumentException("steps [" + from + ", " + to + ") outside run of " + log.steps());
        }
        model.train(true);
        // Checkpoints are written behind training; every one taken is on disk when this method returns, also when
        // a listener ends the run early by throwing (as a stop after a given checkpoint does).
        try (BackgroundCheckpointWriter writer = new BackgroundCheckpointWriter()) {
            try {
                for (int step = from; step < to; step++) {
                    runStep(step, writer);
                }
            } catch (RuntimeException stopped) {
                try {
                    writer.finish();
                } catch (IOException e) {
                    UncheckedIOException failed = new UncheckedIOException(e.getMessage(), e);
                    failed.addSuppressed(stopped);
                    throw failed;
                }
                throw stopped;
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        model.train(false);
    }

    private void runStep(int step, BackgroundCheckpointWriter writer) {
        listener.beforeStep(step);
        double lr = schedule == null ? optimizer.learningRate() : schedule.rate(step);
        Tensor loss = trainingStep.run(task, log.batch(step), lr, log.seed(), step);
        listener.onStep(step, loss.item(), lr);
        int done = step + 1;
        boolean last = done == log.steps();
        if (evaluation != null && (last || (evaluateEvery > 0 && done % evaluateEvery == 0))) {
            model.train(false);
            listener.onEvaluation(done, evaluation.get());
            model.train(true);
        }
        if (checkpoints != null && (last || (checkpointEvery > 0 && done % checkpointEvery == 0))) {
            try {
                writer.save(checkpoints, done, model, optimizer);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            listener.onCheckpoint(done);
        }
    }
}

