package org.lethe.sketch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of a sketch directory, {@code sketch.json}: what was sketched and how, and the Taylor coefficients of
 * every measurement evaluated at build time. Written and read back with Jackson; the canonical constructor checks
 * that the coefficients fit the sketch's directions and order.
 *
 * @param format           {@link DeletionSketch#FORMAT}
 * @param examples         the training examples n (the dimension of the deletion vector)
 * @param order            the Taylor order of the series runs
 * @param directions       how many random directions were trained
 * @param seed             the seed of the directions
 * @param directionScheme  how direction j follows from the seed, in words
 * @param parameters       true when each direction's parameters are stored beside the index
 * @param buildSeconds     the build's wall time
 * @param directionSeconds each direction's training time
 * @param source           a description of the sketched training
 * @param measurements     each measurement's coefficients by name
 */
@JsonPropertyOrder({"format", "examples", "order", "directions", "seed", "direction_scheme", "parameters",
        "build_seconds", "direction_seconds", "source", "measurements"})
record SketchIndex(
        @JsonProperty(value = "format", required = true) String format,
        @JsonProperty(value = "examples", required = true) int examples,
        @JsonProperty(value = "order", required = true) int order,
        @JsonProperty(value = "directions", required = true) int directions,
        @JsonProperty(value = "seed", required = true) long seed,
        @JsonProperty("direction_scheme") String directionScheme,
        @JsonProperty("parameters") boolean parameters,
        @JsonProperty("build_seconds") double buildSeconds,
        @JsonProperty("direction_seconds") double[] directionSeconds,
        @JsonProperty("source") SketchSource source,
        @JsonProperty("measurements") Map<String, Coefficients> measurements) {
    /** How direction j follows from the seed. */
    static final String DIRECTION_SCHEME =
            "complex Gaussian entries from Rng.derive(seed, j), normalised to the unit sphere of C^n";

    /**
     * One measurement's coefficients: row j holds direction j's coefficients of {@code z^0 .. z^order}.
     *
     * @param re the real parts
     * @param im the imaginary parts
     */
    record Coefficients(@JsonProperty(value = "re", required = true) List<double[]> re,
                        @JsonProperty(value = "im", required = true) List<double[]> im) {
        static Coefficients of(TaylorSeries[] series) {
            List<double[]> re = new ArrayList<>();
            List<double[]> im = new ArrayList<>();
            for (TaylorSeries c : series) {
                re.add(c.realParts());
                im.add(c.imaginaryParts());
            }
            return new Coefficients(re, im);
        }

        TaylorSeries[] series() {
            TaylorSeries[] out = new TaylorSeries[re.size()];
            for (int j = 0; j < out.length; j++) {
                out[j] = new TaylorSeries(re.get(j), im.get(j));
            }
            return out;
        }
    }

    /** Checks the format and that every measurement has one row of {@code order + 1} coefficients per direction. */
    SketchIndex {
        if (!DeletionSketch.FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a sketch index (format " + format + ", expected "
                    + DeletionSketch.FORMAT + ")");
        }
        directionSeconds = directionSeconds == null ? new double[0] : directionSeconds;
        source = source == null ? SketchSource.NONE : source;
        measurements = measurements == null ? Map.of() : new LinkedHashMap<>(measurements);
        for (Map.Entry<String, Coefficients> e : measurements.entrySet()) {
            Coefficients c = e.getValue();
            if (c.re().size() != directions || c.im().size() != directions) {
                throw new IllegalArgumentException("measurement '" + e.getKey() + "' needs 're' and 'im' with one row "
                        + "per direction (" + directions + ")");
            }
            for (int j = 0; j < directions; j++) {
                if (c.re().get(j).length != order + 1 || c.im().get(j).length != order + 1) {
                    throw new IllegalArgumentException("measurement '" + e.getKey() + "' rows need " + (order + 1)
                            + " coefficients");
                }
            }
        }
    }

    /** The measurements' coefficients as series, by name. */
    Map<String, TaylorSeries[]> series() {
        Map<String, TaylorSeries[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Coefficients> e : measurements.entrySet()) {
            out.put(e.getKey(), e.getValue().series());
        }
        return out;
    }
}
