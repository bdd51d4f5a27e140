package org.lethe.app.cli.data;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What {@code lethe data subjects --json} prints: every subject's example count. A run's subjects (--model) also
 * have their counts in its training and held-out parts; a data set's have none, and those entries are left out.
 *
 * @param data                   the data set's name
 * @param run                    the run given, or null for a data set
 * @param subjects               distinct subjects
 * @param split                  how many subjects own training and held-out examples, or null for a data set
 * @param examplesWithSubject    examples with a subject
 * @param examplesWithoutSubject examples without one
 * @param minExamples            the fewest examples a subject owns
 * @param maxExamples            the most
 * @param counts                 one row per subject, by name
 */
@JsonPropertyOrder({"data", "run", "subjects", "split", "examples_with_subject", "examples_without_subject",
        "min_examples", "max_examples", "counts"})
record DataSubjectsResult(
        String data,
        String run,
        int subjects,
        @JsonUnwrapped Split split,
        @JsonProperty("examples_with_subject") int examplesWithSubject,
        @JsonProperty("examples_without_subject") int examplesWithoutSubject,
        @JsonProperty("min_examples") int minExamples,
        @JsonProperty("max_examples") int maxExamples,
        List<Row> counts) {

    /**
     * A run's subjects by part (a subject can own examples in both).
     *
     * @param trainingSubjects subjects owning training examples
     * @param heldOutSubjects  subjects owning held-out examples
     */
    @JsonPropertyOrder({"training_subjects", "held_out_subjects"})
    record Split(@JsonProperty("training_subjects") int trainingSubjects,
                 @JsonProperty("held_out_subjects") int heldOutSubjects) {
    }

    /**
     * One subject's count.
     *
     * @param subject  the subject
     * @param examples examples it owns
     * @param train    of which in a run's training part, or null for a data set
     * @param test     of which in its held-out part, or null for a data set
     */
    @JsonPropertyOrder({"subject", "examples", "train", "test"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String subject, int examples, Integer train, Integer test) {
    }
}
