package org.lethe.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A training run's {@code config.json}: the architecture, the training configuration and the data, from which
 * {@link TrainingRun#open} rebuilds the same model, data and provenance. The key names and their order are the
 * file format; a golden test holds them fixed.
 *
 * @param architecture the model
 * @param training     the training configuration (a mutable object: the description shares it with the run)
 * @param data         the data and the deletions' exclusions
 */
@JsonPropertyOrder({"format", "architecture", "training", "data"})
public record RunDescription(ModelSpec architecture, TrainConfig training, DataDescription data) {
    /** The format tag, written first. */
    public static final String FORMAT = "lethe.run.v1";

    /** Refuses a missing section. */
    public RunDescription {
        StoredSetup.requireSections(architecture, training, data);
    }

    // Jackson reads through this factory so that the format tag is checked (files have always carried it).
    @JsonCreator
    static RunDescription read(@JsonProperty("format") String format,
                               @JsonProperty(value = "architecture", required = true) ModelSpec architecture,
                               @JsonProperty(value = "training", required = true) TrainConfig training,
                               @JsonProperty(value = "data", required = true) DataDescription data) {
        StoredSetup.requireFormat(format, FORMAT);
        return new RunDescription(architecture, training, data);
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }
}
