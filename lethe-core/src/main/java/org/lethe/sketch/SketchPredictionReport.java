package org.lethe.sketch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A {@link SketchPrediction} as {@code sketch predict} and {@code sketch reproduce} write it: the headline estimate
 * and, per degree and per order, the statistics it comes from.
 *
 * @param measurement           the measurement's name
 * @param weight                the deletion weight {@code w}
 * @param directions            directions averaged
 * @param groups                groups of the median of means
 * @param estimate              the degree-k estimate's mean
 * @param standardError         its standard error
 * @param medianOfMeans         its median of means
 * @param degreeEstimates       the mean of each partial sum, degree 0 to k
 * @param degreeStandardErrors  their standard errors
 * @param degreeMedianOfMeans   their medians of means
 * @param terms                 the mean of each single Taylor term, order 0 to k
 * @param termStandardErrors    their standard errors
 */
@JsonPropertyOrder({"measurement", "weight", "directions", "groups", "estimate", "standard_error", "median_of_means",
        "degree_estimates", "degree_standard_errors", "degree_median_of_means", "terms", "term_standard_errors"})
public record SketchPredictionReport(
        String measurement,
        double weight,
        int directions,
        int groups,
        double estimate,
        @JsonProperty("standard_error") double standardError,
        @JsonProperty("median_of_means") double medianOfMeans,
        @JsonProperty("degree_estimates") double[] degreeEstimates,
        @JsonProperty("degree_standard_errors") double[] degreeStandardErrors,
        @JsonProperty("degree_median_of_means") double[] degreeMedianOfMeans,
        double[] terms,
        @JsonProperty("term_standard_errors") double[] termStandardErrors) {
}
