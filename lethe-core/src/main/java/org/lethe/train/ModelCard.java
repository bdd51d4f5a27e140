package org.lethe.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.exc.StreamReadException;
import org.lethe.io.AtomicFiles;
import org.lethe.io.CodeVersion;
import org.lethe.io.JsonFiles;

/**
 * The provenance record stored next to a model's weights ({@code model.safetensors} has {@code model.card.json}):
 * when and by which code it was made, the seed, the parent model (the model this one was trained, unlearned or
 * imported from, if any), the training data's name and fingerprint, the architecture and the training settings. The
 * key names and their order are the file format; a golden test holds them fixed:
 *
 * <pre>{@code
 * {"format": "lethe.model-card.v1", "created": "2024-05-01T12:00:00Z", "code_version": "0.1.0",
 *  "seed": 42, "parent_model": null, "dataset": {"name": "digits", "fingerprint": "..."},
 *  "architecture": {...}, "training": {...}}
 * }</pre>
 *
 * @param created      when the card was written
 * @param codeVersion  the code that wrote it
 * @param seed         the seed the model's weights were initialised from
 * @param parentModel  the model this one derives from (a path), or null for a model trained from scratch
 * @param dataset      the training data
 * @param architecture the model
 * @param training     how the model was trained, as far as known
 */
@JsonPropertyOrder({"format", "created", "code_version", "seed", "parent_model", "dataset", "architecture",
        "training"})
public record ModelCard(
        @JsonProperty("created") Instant created,
        @JsonProperty("code_version") String codeVersion,
        @JsonProperty("seed") long seed,
        @JsonProperty("parent_model") String parentModel,
        @JsonProperty("dataset") Dataset dataset,
        @JsonProperty("architecture") ModelSpec architecture,
        @JsonProperty("training") Training training) {
    /** The value of the {@code format} field this class writes and reads. */
    public static final String FORMAT = "lethe.model-card.v1";
    private static final String CARD_SUFFIX = ".card.json";

    /** Refuses a missing field or section (a null in the file counts as missing; only the parent may be null). */
    public ModelCard {
        List<String> missing = new ArrayList<>();
        String[] names = {"created", "code_version", "dataset", "architecture", "training"};
        Object[] values = {created, codeVersion, dataset, architecture, training};
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                missing.add(names[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("a model card needs " + String.join(", ", missing));
        }
    }

    // Jackson reads through this factory so that the format tag is checked: every card has carried it.
    @JsonCreator
    static ModelCard fromJson(@JsonProperty(value = "format", required = true) String format,
                              @JsonProperty(value = "created", required = true) Instant created,
                              @JsonProperty(value = "code_version", required = true) String codeVersion,
                              @JsonProperty(value = "seed", required = true) long seed,
                              @JsonProperty(value = "parent_model", required = true) String parentModel,
                              @JsonProperty(value = "dataset", required = true) Dataset dataset,
                              @JsonProperty(value = "architecture", required = true) ModelSpec architecture,
                              @JsonProperty(value = "training", required = true) Training training) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a Lethe model card: format is '" + format + "', expected "
                    + FORMAT);
        }
        return new ModelCard(created, codeVersion, seed, parentModel, dataset, architecture, training);
    }

    /** A card for a model made now by this code. */
    public static ModelCard now(long seed, String parentModel, Dataset dataset, ModelSpec architecture,
                                Training training) {
        return new ModelCard(Instant.now(), CodeVersion.current(), seed, parentModel, dataset, architecture, training);
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }

    /** Where the card for a weights file lives: {@code model.safetensors} has {@code model.card.json}. */
    public static Path cardPathFor(Path weights) {
        String name = weights.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return weights.resolveSibling(stem + CARD_SUFFIX);
    }

    /** The card as indented JSON, ending in a newline as card files always have. */
    public String toJson() {
        return JsonFiles.text(this) + "\n";
    }

    /** Writes the card to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a card strictly: a missing, unknown or mistyped field fails with one line naming the file and the field.
     */
    public static ModelCard read(Path file) throws IOException {
        try {
            return JsonFiles.read(file, ModelCard.class);
        } catch (IOException e) {
            StreamReadException s = syntaxError(e);
            if (s != null) {
                // Lethe's words rather than the parser's: where it stopped, and the likely cause.
                String where = s.getLocation() == null ? "" : " at line " + s.getLocation().getLineNr()
                        + ", column " + s.getLocation().getColumnNr();
                throw new IOException(file + ": not a valid model card: its JSON is malformed" + where + " (the file "
                        + "is cut short or was edited by hand); restore it or write it again with the model", e);
            }
            throw e;
        }
    }

    // The parser's error under the mapping one, if the file is not JSON at all (a section's reader wraps it).
    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof StreamReadException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * The data a model was trained on.
     *
     * @param name        the data set's name or path, as {@code --data} takes it
     * @param fingerprint the training part's content fingerprint (see {@code org.lethe.data.Examples#fingerprint()})
     */
    @JsonPropertyOrder({"name", "fingerprint"})
    public record Dataset(@JsonProperty(value = "name", required = true) String name,
                          @JsonProperty(value = "fingerprint", required = true) String fingerprint) {
        /** Refuses a missing name or fingerprint. */
        public Dataset {
            if (name == null || fingerprint == null) {
                throw new IllegalArgumentException("a model card's dataset needs a name and a fingerprint");
            }
        }
    }

    /**
     * The card's {@code training} section: the configuration a model was trained with, or, for a model trained
     * elsewhere ({@code lethe import}), only the algebra its weights are in. Written as the configuration's keys
     * ({@link TrainConfig#toMap}) or as {@code {"algebra": ...}} alone, so that either kind of card reads back to the
     * same bytes.
     *
     * @param algebra the element algebra ({@code f32}, {@code f64}), or null when unknown (read as {@code f32})
     * @param config  the training configuration, or null when the model was not trained by Lethe
     */
    public record Training(String algebra, TrainConfig config) {
        /** Takes the algebra from the configuration, and a copy of it, so that the card cannot change later. */
        public Training {
            if (config != null) {
                if (algebra != null && !algebra.equals(config.algebra)) {
                    throw new IllegalArgumentException("training algebra " + algebra + " differs from the "
                            + "configuration's " + config.algebra);
                }
                algebra = config.algebra;
                config = config.copy();
            }
        }

        /** The section of a model trained by Lethe with {@code config}. */
        public static Training of(TrainConfig config) {
            return new Training(null, Objects.requireNonNull(config, "config"));
        }

        /** The section of a model whose training is unknown (trained elsewhere), in {@code algebra}. */
        public static Training algebraOnly(String algebra) {
            return new Training(algebra, null);
        }

        /** A copy of the configuration (the caller may change it), or null when the model was trained elsewhere. */
        @Override
        public TrainConfig config() {
            return config == null ? null : config.copy();
        }

        /** The section as the card holds it. */
        @JsonValue
        public Map<String, Object> toMap() {
            if (config != null) {
                return config.toMap();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            if (algebra != null) {
                m.put("algebra", algebra);
            }
            return m;
        }

        /**
         * Reads the section: any key besides {@code algebra} makes it a training configuration, whose unknown keys
         * are refused by {@link TrainConfig#fromMap} (missing ones keep their defaults, as in a run's description).
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Training fromMap(Map<String, Object> m) {
            for (String key : m.keySet()) {
                if (!key.equals("algebra")) {
                    return of(TrainConfig.fromMap(m));
                }
            }
            Object algebra = m.get("algebra");
            if (algebra != null && !(algebra instanceof String)) {
                throw new IllegalArgumentException("training field 'algebra' must be a string, got " + algebra);
            }
            return algebraOnly((String) algebra);
        }
    }
}
