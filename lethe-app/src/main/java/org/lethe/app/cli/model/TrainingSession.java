package org.lethe.app.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.lethe.app.cli.Formats;
import org.lethe.app.cli.Progress;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;

/**
 * Trains a {@link TrainingRun} from its latest checkpoint to the end (or to an early stop) with a progress bar
 * that shows the running loss, and reports what happened. Shared by {@code train} and {@code demo}.
 */
final class TrainingSession {
    /** What one session did. */
    static final class Outcome {
        /** Completed steps when the session started (0 for a new run). */
        int resumedFrom;
        /** Completed steps when the session ended. */
        int completedSteps;
        /** Steps of the whole run. */
        int totalSteps;
        /** True when the run ended before its last step (an early stop); no final model was written. */
        boolean stopped;
        double seconds;
        /** Final held-out metrics, or the latest evaluation of a stopped run (may be empty). */
        Map<String, Double> metrics = new LinkedHashMap<>();
    }

    /** Thrown from the listener to end a run at a checkpoint. */
    private static final class StopAtCheckpoint extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopAtCheckpoint() {
            super("stopped", null, false, false);
        }
    }

    private TrainingSession() {
    }

    /** The latest evaluation in a few characters, for the progress bar: held-out accuracy, else loss. */
    private static String compact(Map<String, Double> metrics) {
        Double accuracy = metrics.get("accuracy");
        if (accuracy != null) {
            return ", held out " + Formats.percent(accuracy);
        }
        Double loss = metrics.get("loss");
        return loss == null ? "" : String.format(Locale.ROOT, ", held out %.4f", loss);
    }

    /**
     * Trains {@code run} to the end, or until the first checkpoint at or after {@code stopAfter} steps when that is
     * not null. Evaluations are printed to {@code log} as they happen when no progress bar is drawn; {@code log}
     * may be null for silence.
     */
    static Outcome train(TrainingRun run, PrintWriter log, Integer stopAfter) throws IOException {
        Outcome outcome = new Outcome();
        outcome.totalSteps = run.provenance.steps();
        outcome.resumedFrom = run.dir.checkpoints().latest().orElse(0);
        outcome.completedSteps = outcome.resumedFrom;
        long start = System.nanoTime();
        try (Progress progress = Progress.start("train", outcome.totalSteps)) {
            progress.stepBy(outcome.resumedFrom);
            Trainer.Listener listener = new Trainer.Listener() {
                private double runningLoss = Double.NaN;
                private String lastEvaluation = "";

                @Override
                public void onStep(int step, double loss, double learningRate) {
                    runningLoss = Double.isNaN(runningLoss) ? loss : 0.95 * runningLoss + 0.05 * loss;
                    progress.step();
                    refresh();
                }

                private void refresh() {
                    progress.message(String.format(Locale.ROOT, "loss %.4f%s", runningLoss, lastEvaluation));
                }

                @Override
                public void onEvaluation(int completedSteps, Map<String, Double> metrics) {
                    outcome.metrics = new LinkedHashMap<>(metrics);
                    lastEvaluation = compact(metrics);
                    refresh();
                    // The last evaluation is the final result, which the caller reports.
                    if (!progress.enabled() && log != null && completedSteps < outcome.totalSteps) {
                        log.printf("  step %s/%s: held out %s%n", Formats.count(completedSteps),
                                Formats.count(outcome.totalSteps), Formats.metrics(metrics));
                        log.flush();
                    }
                }

                @Override
                public void onCheckpoint(int completedSteps) {
                    outcome.completedSteps = completedSteps;
                    if (stopAfter != null && completedSteps >= stopAfter && completedSteps < outcome.totalSteps) {
                        throw new StopAtCheckpoint();
                    }
                }
            };
            try {
                outcome.metrics = new LinkedHashMap<>(run.train(listener));
                outcome.completedSteps = outcome.totalSteps;
            } catch (StopAtCheckpoint stop) {
                outcome.stopped = true;
            }
        }
        outcome.seconds = (System.nanoTime() - start) / 1e9;
        return outcome;
    }
}
