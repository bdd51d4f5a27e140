package org.lethe.app.cli.sketch;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.sketch.SketchPredictionReport;

/**
 * What {@code lethe sketch predict --json} prints: the sketch, the deletion, one prediction per measurement and
 * weight, and the predictions too noisy to tell their change.
 *
 * @param sketch                      the sketch directory
 * @param deletedExamples             training examples deleted
 * @param directions                  the sketch's directions
 * @param order                       its order
 * @param predictions                 per measurement, per weight
 * @param standardErrorExceedsChange  the predictions whose standard error exceeds their predicted change, in words
 */
@JsonPropertyOrder({"sketch", "deleted_examples", "directions", "order", "predictions",
        "standard_error_exceeds_change"})
record SketchPredictResult(
        String sketch,
        @JsonProperty("deleted_examples") int deletedExamples,
        int directions,
        int order,
        List<SketchPredictionReport> predictions,
        @JsonProperty("standard_error_exceeds_change") List<String> standardErrorExceedsChange) {
}
