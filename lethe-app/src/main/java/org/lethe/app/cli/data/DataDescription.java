package org.lethe.app.cli.data;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What {@code lethe data describe --json} prints. Labelled data and a text corpus share the size, subjects and
 * fingerprint; what lies between is one of two groups, unwrapped into the one object, the other left out.
 *
 * @param name        the data set's name
 * @param source      the {@code --data} value it was loaded from
 * @param size        examples or documents
 * @param labelled    the features and labels of labelled data, or null for a corpus
 * @param text        the vocabulary and document lengths of a corpus, or null for labelled data
 * @param subjects    distinct subjects, 0 without subjects
 * @param fingerprint the data's fingerprint
 */
@JsonPropertyOrder({"name", "source", "size", "labelled", "text", "subjects", "fingerprint"})
record DataDescription(
        String name,
        String source,
        int size,
        @JsonUnwrapped Labelled labelled,
        @JsonUnwrapped Text text,
        int subjects,
        String fingerprint) {

    /**
     * Labelled data.
     *
     * @param kind        {@code images} or {@code features}
     * @param features    features per example
     * @param imageShape  the image shape, or null for plain features
     * @param classes     the class count
     * @param labelCounts examples per class
     * @param firstId     the first example's id, or null for empty data
     */
    @JsonPropertyOrder({"kind", "features", "image_shape", "classes", "label_counts", "first_id"})
    record Labelled(
            String kind,
            int features,
            @JsonProperty("image_shape") int[] imageShape,
            int classes,
            @JsonProperty("label_counts") List<Integer> labelCounts,
            @JsonProperty("first_id") String firstId) {
    }

    /**
     * A text corpus.
     *
     * @param kind           always {@code text}
     * @param vocabulary     its characters
     * @param vocabularySize how many
     * @param documentLength document lengths in characters
     * @param firstId        the first document's id, or null for an empty corpus
     */
    @JsonPropertyOrder({"kind", "vocabulary", "vocabulary_size", "document_length", "first_id"})
    record Text(
            String kind,
            String vocabulary,
            @JsonProperty("vocabulary_size") int vocabularySize,
            @JsonProperty("document_length") Lengths documentLength,
            @JsonProperty("first_id") String firstId) {
    }

    /**
     * Document lengths in characters (all 0 for an empty corpus).
     *
     * @param min  the shortest
     * @param mean the mean
     * @param max  the longest
     */
    @JsonPropertyOrder({"min", "mean", "max"})
    record Lengths(int min, double mean, int max) {
    }
}
