package org.lethe.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The provenance record stored next to a model's weights: architecture and training configuration, the data set's
 * name and content fingerprint, the seed, the parent model (the model this one was trained or unlearned from, if
 * any), the code version and the creation time. Immutable; written atomically as JSON:
 *
 * <pre>{@code
 * {"format": "lethe.model-card.v1", "created": "2024-05-01T12:00:00Z", "code_version": "0.1.0",
 *  "seed": 42, "parent_model": null, "dataset": {"name": "digits", "fingerprint": "..."},
 *  "architecture": {...}, "training": {...}}
 * }</pre>
 *
 * Configuration values are strings, numbers, booleans, nulls, lists (or arrays) and string-keyed maps; they are
 * normalised on construction so that a card read back equals the card written.
 */
public final class ModelCard {
    /** The value of the {@code format} field this class writes and reads. */
    public static final String FORMAT = "lethe.model-card.v1";
    private static final String CARD_SUFFIX = ".card.json";

    private final Map<String, Object> architecture;
    private final Map<String, Object> training;
    private final String datasetName;
    private final String datasetFingerprint;
    private final long seed;
    private final String parentModel;
    private final String codeVersion;
    private final Instant created;

    private ModelCard(Builder b, Instant created) {
        this.architecture = JsonValues.normalizeMap(b.architecture, "architecture");
        this.training = JsonValues.normalizeMap(b.training, "training");
        this.datasetName = Objects.requireNonNull(b.datasetName, "dataset name is required");
        this.datasetFingerprint = Objects.requireNonNull(b.datasetFingerprint, "dataset fingerprint is required");
        this.seed = b.seed;
        this.parentModel = b.parentModel;
        this.codeVersion = Objects.requireNonNull(b.codeVersion, "code version");
        this.created = created;
    }

    /** A builder with the current code version and the system UTC clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the card for a weights file lives: {@code model.safetensors} has {@code model.card.json}. */
    public static Path cardPathFor(Path weights) {
        String name = weights.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return weights.resolveSibling(stem + CARD_SUFFIX);
    }

    public Map<String, Object> architecture() {
        return architecture;
    }

    public Map<String, Object> training() {
        return training;
    }

    public String datasetName() {
        return datasetName;
    }

    /** The data set's content fingerprint (see {@code org.lethe.data.Examples#fingerprint()}). */
    public String datasetFingerprint() {
        return datasetFingerprint;
    }

    public long seed() {
        return seed;
    }

    /** The model this one derives from, or {@code null} for a model trained from scratch. */
    public String parentModel() {
        return parentModel;
    }

    public String codeVersion() {
        return codeVersion;
    }

    public Instant created() {
        return created;
    }

    /** The card as pretty-printed JSON. */
    public String toJson() {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", datasetName);
        dataset.put("fingerprint", datasetFingerprint);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("created", created.toString());
        root.put("code_version", codeVersion);
        root.put("seed", seed);
        root.put("parent_model", parentModel);
        root.put("dataset", dataset);
        root.put("architecture", architecture);
        root.put("training", training);
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model card is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the card to {@code file} atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads a card; errors name the file and the missing or malformed field. */
    public static ModelCard read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        Map<String, Object> root;
        try {
            root = Json.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            // Lethe's words rather than the parser's: where it stopped, and the likely cause.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new IOException(file + ": not a valid model card: its JSON is malformed" + where + " (the file is "
                    + "cut short or was edited by hand); restore it or write it again with the model");
        }
        if (root == null) {
            throw new IOException(file + ": empty model card");
        }
        Object format = root.get("format");
        if (!FORMAT.equals(format)) {
            throw new IOException(file + ": not a Lethe model card (format " + format + ", expected " + FORMAT + ")");
        }
        Map<?, ?> dataset = field(root, "dataset", Map.class, file);
        Builder b = builder()
                .architecture(field(root, "architecture", Map.class, file))
                .training(field(root, "training", Map.class, file))
                .dataset(field(dataset, "name", String.class, file), field(dataset, "fingerprint", String.class, file))
                .seed(field(root, "seed", Number.class, file).longValue())
                .codeVersion(field(root, "code_version", String.class, file));
        Object parent = root.get("parent_model");
        if (parent != null && !(parent instanceof String)) {
            throw new IOException(file + ": field parent_model must be a string or null");
        }
        b.parentModel((String) parent);
        Instant created;
        try {
            created = Instant.parse(field(root, "created", String.class, file));
        } catch (DateTimeParseException e) {
            throw new IOException(file + ": field created is not an ISO-8601 instant: " + root.get("created"));
        }
        try {
            return new ModelCard(b, created);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static <T> T field(Map<?, ?> map, String name, Class<T> type, Path file) throws IOException {
        Object v = map.get(name);
        if (v == null) {
            throw new IOException(file + ": missing field " + name);
        }
        if (!type.isInstance(v)) {
            throw new IOException(file + ": field " + name + " must be a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT));
        }
        return type.cast(v);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelCard)) {
            return false;
        }
        ModelCard c = (ModelCard) o;
        return seed == c.seed && architecture.equals(c.architecture) && training.equals(c.training)
                && datasetName.equals(c.datasetName) && datasetFingerprint.equals(c.datasetFingerprint)
                && Objects.equals(parentModel, c.parentModel) && codeVersion.equals(c.codeVersion)
                && created.equals(c.created);
    }

    @Override
    public int hashCode() {
        return Objects.hash(architecture, training, datasetName, datasetFingerprint, seed, parentModel, codeVersion, created);
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Collects a card's fields; {@link #build()} stamps the creation time from the clock. */
    public static final class Builder {
        private Map<?, ?> architecture = Map.of();
        private Map<?, ?> training = Map.of();
        private String datasetName;
        private String datasetFingerprint;
        private long seed;
        private String parentModel;
        private String codeVersion = CodeVersion.current();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Model hyper-parameters, for example {@code {"type": "mlp", "widths": [784, 128, 10]}}. */
        public Builder architecture(Map<?, ?> config) {
            this.architecture = Objects.requireNonNull(config, "architecture");
            return this;
        }

        /** Training hyper-parameters, for example {@code {"optimizer": "sgd", "lr": 0.1, "epochs": 3}}. */
        public Builder training(Map<?, ?> config) {
            this.training = Objects.requireNonNull(config, "training");
            return this;
        }

        /** The training data's name and content fingerprint. */
        public Builder dataset(String name, String fingerprint) {
            this.datasetName = Objects.requireNonNull(name, "dataset name");
            this.datasetFingerprint = Objects.requireNonNull(fingerprint, "dataset fingerprint");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The model this one derives from (a path or id), or {@code null}. */
        public Builder parentModel(String parent) {
            this.parentModel = parent;
            return this;
        }

        /** Overrides the detected code version. */
        public Builder codeVersion(String version) {
            this.codeVersion = Objects.requireNonNull(version, "code version");
            return this;
        }

        /** The clock that stamps the creation time; inject a fixed clock for reproducible cards. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The card, created now by the builder's clock. */
        public ModelCard build() {
            if (datasetName == null) {
                throw new IllegalArgumentException("a model card needs the data set's name and fingerprint");
            }
            return new ModelCard(this, clock.instant());
        }
    }
}
