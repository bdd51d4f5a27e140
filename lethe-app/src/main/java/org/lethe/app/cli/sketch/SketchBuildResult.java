package org.lethe.app.cli.sketch;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code lethe sketch build --json} prints: where the sketch went, what it was built from and with, and its
 * size on disk.
 *
 * @param sketch       the sketch directory
 * @param run          the run directory it sketches
 * @param examples     the run's training examples
 * @param directions   random directions
 * @param order        Taylor order
 * @param seed         the directions' seed
 * @param measurements the measurements kept in the index
 * @param parameters   true when the per-direction parameters were kept
 * @param buildSeconds the build's wall time
 * @param bytes        the sketch directory's size
 */
@JsonPropertyOrder({"sketch", "run", "examples", "directions", "order", "seed", "measurements", "parameters",
        "build_seconds", "bytes"})
record SketchBuildResult(
        String sketch,
        String run,
        int examples,
        int directions,
        int order,
        long seed,
        List<String> measurements,
        boolean parameters,
        @JsonProperty("build_seconds") double buildSeconds,
        long bytes) {
}
