package org.lethe.train;

import java.io.Serializable;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code data} section of a stored model's description: what {@link PreparedData} rebuilds the training and
 * held-out examples from (source, split, subjects), the sizes and fingerprint it checks them against, and the ids
 * deletions removed. Serialisable, because comparison-model recipes carry it to other processes. Every key but the
 * fingerprint and the exclusions is required on reading (files have always held them), so that a renamed key fails
 * by its name.
 *
 * @param source           what {@code --data} named
 * @param testFraction     the held-out share of the split
 * @param splitSeed        the split's seed (also of generated subjects)
 * @param subjectsPer      generated subjects' example count (0: none generated)
 * @param subjectsFile     absolute path of the subjects CSV, or null
 * @param trainSize        training examples before deletions
 * @param testSize         held-out examples
 * @param trainFingerprint the training part's fingerprint before deletions, or null (not checked)
 * @param excludedIds      ids removed by deletions, sorted; null (and not written) when no deletion was made
 */
@JsonPropertyOrder({"source", "test_fraction", "split_seed", "subjects_per", "subjects_file", "train_size",
        "test_size", "train_fingerprint", "excluded_ids"})
public record DataDescription(
        @JsonProperty(required = true) String source,
        @JsonProperty(value = "test_fraction", required = true) double testFraction,
        @JsonProperty(value = "split_seed", required = true) long splitSeed,
        @JsonProperty(value = "subjects_per", required = true) int subjectsPer,
        @JsonProperty("subjects_file") String subjectsFile,
        @JsonProperty(value = "train_size", required = true) int trainSize,
        @JsonProperty(value = "test_size", required = true) int testSize,
        @JsonProperty("train_fingerprint") String trainFingerprint,
        // Absent rather than empty in a model no deletion made: files written before deletions existed look so.
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("excluded_ids") List<String> excludedIds)
        implements Serializable {

    /** Checks the source and copies the exclusions. */
    public DataDescription {
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("data description has no source");
        }
        excludedIds = excludedIds == null ? null : List.copyOf(excludedIds);
    }

    /** This description with {@code ids} as the exclusions ({@code null}: none recorded). */
    public DataDescription withExcludedIds(List<String> ids) {
        return new DataDescription(source, testFraction, splitSeed, subjectsPer, subjectsFile, trainSize, testSize,
                trainFingerprint, ids);
    }

    /** The exclusions, empty when none are recorded. */
    public List<String> excluded() {
        return excludedIds == null ? List.of() : excludedIds;
    }
}
