package org.lethe.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The three sections every stored model's description holds (a run's {@link RunDescription}, an ensemble's
 * {@link SisaDescription}): the architecture, the training configuration and the data, with the examples' record
 * ({@link RecordedExamples}) that sits beside the description. Both kinds of description check their sections here,
 * so that both report a missing section the same way.
 */
record StoredSetup(ModelSpec spec, TrainConfig config, DataDescription dataDescription, Path examples) {
    /** The sections of the description read from {@code file}. */
    static StoredSetup of(ModelSpec spec, TrainConfig config, DataDescription data, Path file) {
        return new StoredSetup(spec, config, data, file.resolveSibling(RecordedExamples.FILE));
    }

    /** Refuses a description without one of its sections (a null in the file counts as missing). */
    static void requireSections(ModelSpec spec, TrainConfig config, DataDescription data) {
        if (spec == null || config == null || data == null) {
            throw new IllegalArgumentException("missing architecture, training or data section");
        }
    }

    /** Refuses another format; an absent tag is accepted, as the readers before the typed descriptions did. */
    static void requireFormat(String format, String expected) {
        if (format != null && !format.equals(expected)) {
            throw new IllegalArgumentException("format is '" + format + "', expected " + expected);
        }
    }

    /** The data the description names, prepared as it was for training. */
    PreparedData data() throws IOException {
        return PreparedData.fromDescription(dataDescription, examples);
    }
}
