package org.lethe.curvature;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.io.JsonFiles;

/**
 * What a curvature edit did, written into the model version it made as {@value #FILE}: the model edited, the factor
 * file and its Fisher, and per edited layer the keep-mass and the pairs kept. Layers not listed are bit-identical
 * to the parent's.
 */
@JsonPropertyOrder({"format", "method", "model_before", "model_after", "factors", "fisher", "layers", "hash_before",
        "hash_after", "wall_seconds", "time"})
public record CurvatureEditRecord(
        String method,
        @JsonProperty("model_before") String modelBefore,
        @JsonProperty("model_after") String modelAfter,
        String factors,
        String fisher,
        List<LayerEdit> layers,
        @JsonProperty("hash_before") String hashBefore,
        @JsonProperty("hash_after") String hashAfter,
        @JsonProperty("wall_seconds") double wallSeconds,
        Instant time) {
    /** The file name inside the new version. */
    public static final String FILE = "curvature-edit.json";
    /** The format tag. */
    public static final String FORMAT = "lethe.curvature-edit.v1";
    /** The method name recorded. */
    public static final String METHOD = "kfac-eigen-edit";

    public CurvatureEditRecord {
        layers = List.copyOf(layers);
    }

    @JsonCreator
    static CurvatureEditRecord read(@JsonProperty(value = "format", required = true) String format,
                                    @JsonProperty(value = "method", required = true) String method,
                                    @JsonProperty("model_before") String modelBefore,
                                    @JsonProperty("model_after") String modelAfter,
                                    @JsonProperty("factors") String factors,
                                    @JsonProperty("fisher") String fisher,
                                    @JsonProperty(value = "layers", required = true) List<LayerEdit> layers,
                                    @JsonProperty("hash_before") String hashBefore,
                                    @JsonProperty("hash_after") String hashAfter,
                                    @JsonProperty("wall_seconds") double wallSeconds,
                                    @JsonProperty(value = "time", required = true) Instant time) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', expected " + FORMAT);
        }
        return new CurvatureEditRecord(method, modelBefore, modelAfter, factors, fisher, layers, hashBefore,
                hashAfter, wallSeconds, time);
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }

    /** Writes the record into {@code versionDir}. */
    public void writeTo(Path versionDir) throws IOException {
        JsonFiles.write(versionDir.resolve(FILE), this);
    }

    /** Reads the record from {@code versionDir}. */
    public static CurvatureEditRecord readFrom(Path versionDir) throws IOException {
        return JsonFiles.read(versionDir.resolve(FILE), CurvatureEditRecord.class, false);
    }
}
