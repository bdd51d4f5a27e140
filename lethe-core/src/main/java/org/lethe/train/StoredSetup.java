package org.lethe.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The three sections every stored model's description holds (a run's {@code config.json}, an ensemble's
 * {@code sisa.json}): the architecture, the training configuration and the data. Read in one place, so that both
 * kinds of model report a missing section or an unknown key the same way, naming the file. The examples' record
 * ({@link RecordedExamples}) sits beside the description.
 */
record StoredSetup(ModelSpec spec, TrainConfig config, Map<String, Object> dataDescription, Path examples) {
    /** The sections of {@code document}, read from {@code file}. */
    @SuppressWarnings("unchecked")
    static StoredSetup read(Map<String, Object> document, Path file) throws IOException {
        Object arch = document.get("architecture");
        Object training = document.get("training");
        Object data = document.get("data");
        if (!(arch instanceof Map) || !(training instanceof Map) || !(data instanceof Map)) {
            throw new IOException(file + ": missing architecture, training or data section");
        }
        try {
            return new StoredSetup(new ModelSpec((Map<String, Object>) arch),
                    TrainConfig.fromMap((Map<String, Object>) training), (Map<String, Object>) data,
                    file.resolveSibling(RecordedExamples.FILE));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The data the description names, prepared as it was for training. */
    PreparedData data() throws IOException {
        return PreparedData.fromDescription(dataDescription, examples);
    }
}
