package org.lethe.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.io.JsonFiles;

/**
 * What a weight-space edit made and from what: the operation ({@code align}, {@code apply}, {@code merge},
 * {@code task-vector}, {@code keys}), its method, each ingredient with its coefficient, the settings, and the
 * result's hash. Written as {@value #FILE} into every model version (or task vector) the edit writes.
 *
 * @param operation   the command that made it
 * @param method      the variant (average, fisher, ties, dare; weights or activations; add or subtract)
 * @param ingredients what went in, with coefficients
 * @param settings    the remaining settings by name (seed, density, drop rate, points), as numbers
 * @param output      the path written
 * @param hashAfter   parameter hash of the result
 * @param wallSeconds wall time of the edit
 * @param time        when it finished
 */
@JsonPropertyOrder({"format", "operation", "method", "ingredients", "settings", "output", "hash_after",
        "wall_seconds", "time"})
public record WeightEditRecord(String operation, String method, List<Ingredient> ingredients,
                               Map<String, Double> settings, String output,
                               @JsonProperty("hash_after") String hashAfter,
                               @JsonProperty("wall_seconds") double wallSeconds, Instant time) {
    /** The file name. */
    public static final String FILE = "weight-edit.json";
    /** The format tag; files of another format are refused. */
    public static final String FORMAT = "lethe.weight-edit.v1";

    /** Copies the collections. */
    public WeightEditRecord {
        ingredients = List.copyOf(ingredients);
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    @JsonCreator
    static WeightEditRecord read(@JsonProperty(value = "format", required = true) String format,
                                 @JsonProperty(value = "operation", required = true) String operation,
                                 @JsonProperty("method") String method,
                                 @JsonProperty(value = "ingredients", required = true) List<Ingredient> ingredients,
                                 @JsonProperty("settings") Map<String, Double> settings,
                                 @JsonProperty("output") String output,
                                 @JsonProperty("hash_after") String hashAfter,
                                 @JsonProperty("wall_seconds") double wallSeconds,
                                 @JsonProperty(value = "time", required = true) Instant time) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', expected " + FORMAT);
        }
        return new WeightEditRecord(operation, method, ingredients, settings, output, hashAfter, wallSeconds, time);
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }

    /** Writes {@value #FILE} into {@code dir}, atomically. */
    public void writeTo(Path dir) throws IOException {
        JsonFiles.write(dir.resolve(FILE), this);
    }

    /** Reads {@value #FILE} from {@code dir}. */
    public static WeightEditRecord readFrom(Path dir) throws IOException {
        return JsonFiles.read(dir.resolve(FILE), WeightEditRecord.class, false);
    }
}
