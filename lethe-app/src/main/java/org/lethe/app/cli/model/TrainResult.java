package org.lethe.app.cli.model;

import java.util.Map;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.train.DataDescription;
import org.lethe.train.ModelSpec;
import org.lethe.train.RunDescription;
import org.lethe.train.TrainConfig;
import org.lethe.train.TrainingRun;

/**
 * What {@code lethe train --json} prints: how far the session took the run, its held-out metrics and size, and the
 * run's description (its {@code config.json} sections without the format tag).
 *
 * @param run            the run directory
 * @param model          the final model file, or null when the run stopped early (no final model was written)
 * @param complete       true when every step was trained
 * @param resumedFrom    completed steps when the session started
 * @param completedSteps completed steps when it ended
 * @param totalSteps     steps of the whole run
 * @param seconds        the session's wall time
 * @param metrics        final held-out metrics, or a stopped run's latest evaluation (may be empty)
 * @param parameters     the model's parameter count
 * @param architecture   the model
 * @param training       the training configuration
 * @param data           the data and any deletions' exclusions
 */
@JsonPropertyOrder({"run", "model", "complete", "resumed_from", "completed_steps", "total_steps", "seconds",
        "metrics", "parameters", "architecture", "training", "data"})
record TrainResult(
        String run,
        String model,
        boolean complete,
        @JsonProperty("resumed_from") int resumedFrom,
        @JsonProperty("completed_steps") int completedSteps,
        @JsonProperty("total_steps") int totalSteps,
        double seconds,
        Map<String, Double> metrics,
        long parameters,
        ModelSpec architecture,
        TrainConfig training,
        DataDescription data) {

    /** The result of a session {@code o} of {@code run}. */
    static TrainResult of(TrainingRun run, TrainingSession.Outcome o) {
        boolean done = !o.stopped;
        RunDescription d = run.description();
        return new TrainResult(run.dir.root().toString(), done ? run.dir.model().toString() : null, done,
                o.resumedFrom, o.completedSteps, o.totalSteps, o.seconds, o.metrics, run.model.parameterCount(),
                d.architecture(), d.training(), d.data());
    }
}
