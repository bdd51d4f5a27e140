package org.lethe.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A run's {@code provenance.json}: the seed, batch size and epochs that fix the example order, and every training
 * example's id and subject, so that which examples fed which step can be answered later. The key names and their
 * order are the file format; a golden test holds them fixed.
 *
 * @param order     how the example order follows from the other fields (for readers of the file)
 * @param seed      the run's seed
 * @param batchSize examples per step
 * @param epochs    passes over the training examples
 * @param steps     optimiser steps the run takes (written for readers; derived again on reading)
 * @param maxSteps  the step budget (0: none)
 * @param ids       training example ids, in training order
 * @param subjects  their subjects (null entries allowed), or null when the data has none
 */
@JsonPropertyOrder({"format", "order", "seed", "batch_size", "epochs", "steps", "max_steps", "ids", "subjects"})
public record ProvenanceDocument(
        String order,
        long seed,
        @JsonProperty("batch_size") int batchSize,
        int epochs,
        int steps,
        @JsonProperty("max_steps") int maxSteps,
        List<String> ids,
        List<String> subjects) {
    /** The format tag, written first. */
    public static final String FORMAT = "lethe.provenance.v1";
    /** The sentence written as {@code order}. */
    public static final String ORDER =
            "ascending keyed hash of (seed, epoch, example id); step t of an epoch takes the t-th batch";

    /** Copies the lists; subjects may hold nulls, so they are not copied with {@code List.copyOf}. */
    public ProvenanceDocument {
        ids = List.copyOf(ids);
        subjects = subjects == null ? null : Collections.unmodifiableList(new ArrayList<>(subjects));
    }

    // Jackson reads through this factory: the format tag is checked, and max_steps (absent from early files) and the
    // descriptive order and steps may be missing.
    @JsonCreator
    static ProvenanceDocument read(@JsonProperty("format") String format,
                                   @JsonProperty("order") String order,
                                   @JsonProperty(value = "seed", required = true) long seed,
                                   @JsonProperty(value = "batch_size", required = true) int batchSize,
                                   @JsonProperty(value = "epochs", required = true) int epochs,
                                   @JsonProperty("steps") Integer steps,
                                   @JsonProperty("max_steps") Integer maxSteps,
                                   @JsonProperty(value = "ids", required = true) List<String> ids,
                                   @JsonProperty("subjects") List<String> subjects) {
        if (format != null && !FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', expected " + FORMAT);
        }
        if (ids == null) {
            throw new IllegalArgumentException("ids is null");
        }
        return new ProvenanceDocument(order == null ? ORDER : order, seed, batchSize, epochs,
                steps == null ? 0 : steps, maxSteps == null ? 0 : maxSteps, ids, subjects);
    }

    /** The document describing {@code log}. */
    public static ProvenanceDocument of(ProvenanceLog log) {
        String[] subjects = log.subjects();
        return new ProvenanceDocument(ORDER, log.seed(), log.batchSize(), log.epochs(), log.steps(), log.maxSteps(),
                List.of(log.ids()), subjects == null ? null : Arrays.asList(subjects));
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }

    /** The log this document describes (its step count derived from the other fields, as in training). */
    public ProvenanceLog toLog() {
        return new ProvenanceLog(ids.toArray(new String[0]),
                subjects == null ? null : subjects.toArray(new String[0]), seed, batchSize, epochs, maxSteps);
    }
}
