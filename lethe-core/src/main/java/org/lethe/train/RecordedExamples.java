package org.lethe.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lethe.io.JsonFiles;

/**
 * The examples a model was trained and evaluated on, one fingerprint of content per example, written as {@value
 * #FILE} beside the model's description. The training part lists the line's original training examples in training
 * order, those deleted since included, so that a later change to the source data can be checked example by
 * example: an example erased from the source first (the usual order of a data-protection process) is told apart from
 * one that changed or was added.
 *
 * @param train the training examples, in training order, deleted ones included
 * @param test  the held-out examples
 */
@JsonPropertyOrder({"format", "train", "test"})
public record RecordedExamples(Part train, Part test) {
    /** The file name, beside {@code config.json} or {@code sisa.json}. */
    public static final String FILE = "examples.json";
    /** The format tag; files of another format are refused. */
    public static final String FORMAT = "lethe.examples.v1";

    /**
     * Parallel lists, one entry per example.
     *
     * @param ids          example ids
     * @param subjects     their subjects (null entries for none)
     * @param fingerprints their content fingerprints ({@link org.lethe.data.Examples#exampleFingerprint})
     */
    public record Part(List<String> ids, List<String> subjects, List<String> fingerprints) {
        /** Checks that the lists are parallel and copies them. */
        public Part {
            if (ids == null || subjects == null || fingerprints == null || ids.size() != subjects.size()
                    || ids.size() != fingerprints.size()) {
                throw new IllegalArgumentException("ids, subjects and fingerprints must be lists of one length");
            }
            ids = List.copyOf(ids);
            subjects = java.util.Collections.unmodifiableList(new ArrayList<>(subjects));
            fingerprints = List.copyOf(fingerprints);
        }

        /** Number of examples. */
        public int size() {
            return ids.size();
        }
    }

    @JsonCreator
    static RecordedExamples read(@JsonProperty(value = "format", required = true) String format,
                                 @JsonProperty(value = "train", required = true) Part train,
                                 @JsonProperty(value = "test", required = true) Part test) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', expected " + FORMAT);
        }
        return new RecordedExamples(train, test);
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }

    /** Writes {@value #FILE} into {@code dir}, atomically. */
    public void writeTo(Path dir) throws IOException {
        JsonFiles.write(dir.resolve(FILE), this);
    }

    /** Reads {@code file}; errors name it. */
    public static RecordedExamples read(Path file) throws IOException {
        return JsonFiles.read(file, RecordedExamples.class);
    }
}
