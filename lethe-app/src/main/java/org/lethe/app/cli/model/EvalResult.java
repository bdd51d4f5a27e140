package org.lethe.app.cli.model;

import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.train.ModelSpec;

/**
 * What {@code lethe eval --json} prints: the model, the data evaluated on and the metrics. A classifier's result
 * (single model or ensemble) has per-class rows; a character model's has none, and only an ensemble's names its
 * layout: absent keys are left out rather than written as null, as the command has always printed them.
 *
 * @param model        the weights file or ensemble directory
 * @param architecture the model's (each shard's) architecture
 * @param ensemble     the ensemble's layout in words, or null for a single model
 * @param data         the data evaluated on, in words
 * @param examples     how many examples
 * @param metrics      the metrics by name ({@code accuracy}, {@code loss})
 * @param perClass     the per-class results of a classifier, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "architecture", "ensemble", "data", "examples", "metrics", "per_class"})
public record EvalResult(
        String model,
        ModelSpec architecture,
        String ensemble,
        String data,
        int examples,
        Map<String, Double> metrics,
        @JsonProperty("per_class") List<ClassResult> perClass) {

    /**
     * One class's accuracy.
     *
     * @param label    the class
     * @param examples examples of the class
     * @param correct  how many were predicted right
     * @param accuracy {@code correct / examples}, NaN for a class without examples
     */
    @JsonPropertyOrder({"class", "examples", "correct", "accuracy"})
    public record ClassResult(@JsonProperty("class") int label, int examples, int correct, double accuracy) {
        /** The row of {@code correct} right out of {@code examples}. */
        public static ClassResult of(int label, int examples, int correct) {
            return new ClassResult(label, examples, correct, examples == 0 ? Double.NaN : correct / (double) examples);
        }
    }
}
