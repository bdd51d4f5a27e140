package org.lethe.sketch;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code results.json} of {@code sketch reproduce}: the reference experiment's settings, its timings, one row per
 * deletion weight, and the files written beside it.
 *
 * @param experiment        the experiment in words
 * @param deletedPositions  the training positions of D
 * @param deletedNames      the names at those positions
 * @param sketchDirections  the sketch's directions m
 * @param sketchOrder       the sketch's order k
 * @param sketchSeed        the seed of its directions
 * @param exactOrder        the order of the exact-direction series
 * @param exactCoefficients that series' coefficients (real parts)
 * @param threads           worker threads
 * @param timings           wall-clock seconds of each part
 * @param rows              one row per deletion weight
 * @param plots             the plot files written
 * @param sketchDirectory   where the sketch was stored
 */
@JsonPropertyOrder({"experiment", "deleted_positions", "deleted_names", "sketch_directions", "sketch_order",
        "sketch_seed", "exact_order", "exact_coefficients", "threads", "timings", "rows", "plots", "sketch_directory"})
public record MicroGptReport(
        String experiment,
        @JsonProperty("deleted_positions") int[] deletedPositions,
        @JsonProperty("deleted_names") List<String> deletedNames,
        @JsonProperty("sketch_directions") int sketchDirections,
        @JsonProperty("sketch_order") int sketchOrder,
        @JsonProperty("sketch_seed") long sketchSeed,
        @JsonProperty("exact_order") int exactOrder,
        @JsonProperty("exact_coefficients") double[] exactCoefficients,
        int threads,
        Timings timings,
        List<Row> rows,
        List<String> plots,
        @JsonProperty("sketch_directory") String sketchDirectory) {

    /**
     * Wall-clock seconds.
     *
     * @param realRunSeconds             the first real run, alone
     * @param fastestRealRunSeconds      the fastest of the real runs
     * @param exactSeriesRunSeconds      the exact-direction series run
     * @param meanSketchDirectionSeconds one sketch direction's series training, on average
     * @param sketchBuildSeconds         the whole sketch
     * @param totalSeconds               the whole experiment
     */
    @JsonPropertyOrder({"real_run_seconds", "fastest_real_run_seconds", "exact_series_run_seconds",
            "mean_sketch_direction_seconds", "sketch_build_seconds", "total_seconds"})
    public record Timings(
            @JsonProperty("real_run_seconds") double realRunSeconds,
            @JsonProperty("fastest_real_run_seconds") double fastestRealRunSeconds,
            @JsonProperty("exact_series_run_seconds") double exactSeriesRunSeconds,
            @JsonProperty("mean_sketch_direction_seconds") double meanSketchDirectionSeconds,
            @JsonProperty("sketch_build_seconds") double sketchBuildSeconds,
            @JsonProperty("total_seconds") double totalSeconds) {
    }

    /**
     * One deletion weight: the retrained truth against the exact series and the sketch.
     *
     * @param w                     the deletion weight
     * @param retrained             the measurement of the model retrained at {@code w}
     * @param exactPartialSums      the exact series' partial sums, degree 0 up
     * @param exactPartialSumErrors each minus {@code retrained}
     * @param sketch                the sketch's prediction
     * @param sketchError           its estimate minus {@code retrained}
     */
    @JsonPropertyOrder({"w", "retrained", "exact_partial_sums", "exact_partial_sum_errors", "sketch", "sketch_error"})
    public record Row(
            double w,
            double retrained,
            @JsonProperty("exact_partial_sums") double[] exactPartialSums,
            @JsonProperty("exact_partial_sum_errors") double[] exactPartialSumErrors,
            SketchPredictionReport sketch,
            @JsonProperty("sketch_error") double sketchError) {
    }
}
