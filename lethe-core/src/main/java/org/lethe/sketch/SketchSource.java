package org.lethe.sketch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;

/**
 * What a sketch was built over, the {@code source} section of its index: a {@code lethe train} run
 * ({@link #ofRun}, by directory, with the architecture, training configuration and data fingerprint it had), or the
 * reference micro-GPT experiment ({@link #ofMicroGpt}). The keys of the other kind are absent, not null, so that the
 * section reads as each kind has always written it.
 *
 * @param kind            {@code run}, {@code microgpt}, or null when no source was given
 * @param run             the run directory (absolute), for {@code run}
 * @param architecture    the run's model, for {@code run}
 * @param training        the run's training configuration, for {@code run}
 * @param trainFingerprint the run's training data fingerprint, for {@code run}
 * @param documents       the experiment's documents, for {@code microgpt}
 * @param steps           the experiment's training steps, for {@code microgpt}
 * @param seed            the experiment's seed, for {@code microgpt}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "run", "architecture", "training", "train_fingerprint", "documents", "steps", "seed"})
public record SketchSource(
        String kind,
        String run,
        ModelSpec architecture,
        TrainConfig training,
        @JsonProperty("train_fingerprint") String trainFingerprint,
        Integer documents,
        Integer steps,
        Long seed) {
    /** The kind of a sketch of a training run. */
    public static final String RUN = "run";
    /** The kind of a sketch of the reference micro-GPT experiment. */
    public static final String MICRO_GPT = "microgpt";
    /** No source given (written as an empty object). */
    public static final SketchSource NONE = new SketchSource(null, null, null, null, null, null, null, null);

    /** A sketch of the run in {@code runDirectory}. */
    public static SketchSource ofRun(String runDirectory, ModelSpec architecture, TrainConfig training,
                                     String trainFingerprint) {
        return new SketchSource(RUN, runDirectory, architecture, training, trainFingerprint, null, null, null);
    }

    /** A sketch of the reference micro-GPT experiment. */
    public static SketchSource ofMicroGpt(int documents, int steps, long seed) {
        return new SketchSource(MICRO_GPT, null, null, null, null, documents, steps, seed);
    }
}
