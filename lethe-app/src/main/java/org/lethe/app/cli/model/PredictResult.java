package org.lethe.app.cli.model;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code lethe predict --json} prints: a classifier's predictions for chosen examples, or for a character
 * GPT the scores of chosen documents, of a given text, and generated samples. Sections that were not asked for are
 * left out rather than written as null, as the command has always printed them.
 *
 * @param model       the weights file or ensemble directory
 * @param predictions a classifier's predictions, or null
 * @param documents   chosen documents' scores, or null
 * @param text        the given text's score and likeliest next characters, or null
 * @param generated   generated samples, or null
 * @param temperature the sampling temperature, with {@code generated}
 * @param seed        the sampling seed, with {@code generated}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "predictions", "documents", "text", "generated", "temperature", "seed"})
public record PredictResult(
        String model,
        List<ClassPrediction> predictions,
        List<DocumentScore> documents,
        TextScore text,
        List<Sample> generated,
        Double temperature,
        Long seed) {

    /** A classifier's result. */
    static PredictResult ofClasses(String model, List<ClassPrediction> predictions) {
        return new PredictResult(model, predictions, null, null, null, null, null);
    }

    /**
     * One example's prediction.
     *
     * @param id            the example
     * @param index         its position in the data
     * @param split         {@code train}, {@code test} or null (not in the model's run)
     * @param subject       its subject, or null
     * @param label         its label
     * @param predicted     the predicted class
     * @param correct       whether the prediction is the label
     * @param probabilities every class's probability
     */
    @JsonPropertyOrder({"id", "index", "split", "subject", "label", "predicted", "correct", "probabilities"})
    public record ClassPrediction(String id, int index, String split, String subject, int label, int predicted,
                                  boolean correct, List<Double> probabilities) {
    }

    /**
     * One document's score.
     *
     * @param id      the document
     * @param split   {@code train}, {@code test} or null
     * @param subject its subject, or null
     * @param text    the document
     * @param loss    nats per character
     */
    @JsonPropertyOrder({"id", "split", "subject", "text", "loss"})
    public record DocumentScore(String id, String split, String subject, String text, double loss) {
    }

    /**
     * A given text's score.
     *
     * @param text           the text
     * @param loss           nats per character, as a whole document
     * @param likeliestNext the likeliest next characters
     */
    @JsonPropertyOrder({"text", "loss", "likeliest_next"})
    public record TextScore(String text, double loss, @JsonProperty("likeliest_next") List<NextCharacter> likeliestNext) {
    }

    /**
     * A possible next character.
     *
     * @param next        the character (or end of document)
     * @param probability its probability
     */
    @JsonPropertyOrder({"next", "probability"})
    public record NextCharacter(String next, double probability) {
    }

    /**
     * A generated sample.
     *
     * @param text           the sample
     * @param inTrainingData whether a training document is exactly this
     */
    @JsonPropertyOrder({"text", "in_training_data"})
    public record Sample(String text, @JsonProperty("in_training_data") boolean inTrainingData) {
    }
}
