package org.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lethe.io.JsonFiles;
import org.lethe.store.ModelKind;
import org.lethe.train.DataDescription;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.TrainConfig;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.MethodSettings;

/**
 * How to make one model an audit compares against: trained from scratch (a single model or a SISA ensemble with
 * the audited model's architecture and settings, on given data, with a given seed), or a base model of that kind
 * with a deletion method then applied to it. Its {@link #key()} holds everything that determines the result and
 * nothing that does not (evaluation and checkpoint cadence), so equal keys mean equal models.
 */
final class ModelRecipe {
    /** Bump when a change to training code makes cached models stale. */
    static final String FORMAT = "lethe.audit-model.v2";
    private static final List<String> NOT_IN_KEY = List.of("seed", "checkpoint_every", "evaluate_every");

    final ModelKind kind;
    final ModelSpec spec;
    final TrainConfig config;
    final PreparedData data;
    final int shards;
    final int slices;
    final int epochsPerSlice;
    final String aggregation;
    /** The deletion applied to the base, or null for a model trained from scratch. */
    final DeletionMethod unlearnMethod;
    final MethodSettings unlearnSettings;
    final List<String> forgetIds;
    final ModelRecipe base;

    private ModelRecipe(ModelKind kind, ModelSpec spec, TrainConfig config, PreparedData data, int shards,
                        int slices, int epochsPerSlice, String aggregation, DeletionMethod unlearnMethod,
                        MethodSettings unlearnSettings, List<String> forgetIds, ModelRecipe base) {
        this.kind = kind;
        this.spec = spec;
        this.config = config;
        this.data = data;
        this.shards = shards;
        this.slices = slices;
        this.epochsPerSlice = epochsPerSlice;
        this.aggregation = aggregation;
        this.unlearnMethod = unlearnMethod;
        this.unlearnSettings = unlearnSettings;
        this.forgetIds = forgetIds;
        this.base = base;
    }

    /**
     * A model like {@code template} (architecture, training settings, SISA layout) trained from scratch on
     * {@code data} with {@code seed}; {@code recordUpdates} keeps every step's update (for amnesiac deletion).
     */
    static ModelRecipe trained(StoredClassifier template, PreparedData data, long seed, boolean recordUpdates) {
        TrainConfig c = template.config.copy();
        c.seed = seed;
        c.recordUpdates = recordUpdates && template.kind == ModelKind.RUN;
        c.checkpointEvery = 0;
        c.evaluateEvery = 0;
        if (template.kind == ModelKind.SISA) {
            org.lethe.train.SisaModel s = template.sisa();
            return new ModelRecipe(template.kind, template.spec, c, data, s.shards(), s.slices(), s.epochsPerSlice,
                    s.aggregation, null, null, null, null);
        }
        return new ModelRecipe(template.kind, template.spec, c, data, 0, 0, 0, null, null, null, null, null);
    }

    /**
     * A single model with architecture {@code spec} and training settings {@code config} (seed aside) trained from
     * scratch on {@code data} with {@code seed}: what {@link #trained(StoredClassifier, PreparedData, long, boolean)}
     * makes for a stored run with those settings, so the two share cache entries.
     */
    static ModelRecipe trained(ModelSpec spec, TrainConfig config, PreparedData data, long seed,
                               boolean recordUpdates) {
        TrainConfig c = config.copy();
        c.seed = seed;
        c.recordUpdates = recordUpdates;
        c.checkpointEvery = 0;
        c.evaluateEvery = 0;
        return new ModelRecipe(ModelKind.RUN, spec, c, data, 0, 0, 0, null, null, null, null, null);
    }

    /** {@code base} with deletion method {@code method} applied to the examples {@code forgetIds}. */
    static ModelRecipe unlearned(ModelRecipe base, DeletionMethod method, MethodSettings settings,
                                 List<String> forgetIds) {
        return new ModelRecipe(base.kind, base.spec, base.config, base.data, base.shards, base.slices,
                base.epochsPerSlice, base.aggregation, method, settings,
                List.copyOf(new TreeSet<>(forgetIds)), base);
    }

    /**
     * What another process rebuilds this recipe from: every setting as a value, the data by its description (the
     * data set's source is read again where the recipe is rebuilt, so it must be a name or a path that process can
     * read), the deletion method by name. The recipe's hash rides along so that a rebuild that differs is caught.
     */
    record Description(ModelKind kind, LinkedHashMap<String, Object> spec, LinkedHashMap<String, Object> config,
                       DataDescription data, int shards, int slices, int epochsPerSlice,
                       String aggregation, String method, LinkedHashMap<String, Object> settings,
                       ArrayList<String> forgetIds, Description base, String hash) implements java.io.Serializable {
        /** The recipe described, with its data loaded (once per process and description: see PreparedData). */
        ModelRecipe rebuild() throws java.io.IOException {
            ModelRecipe r;
            if (base != null) {
                DeletionMethod m = org.lethe.unlearn.DeletionMethods.find(method).orElseThrow(
                        () -> new IllegalStateException("no deletion method '" + method + "' in this process"));
                r = unlearned(base.rebuild(), m, m.settings(settings), forgetIds);
            } else {
                r = new ModelRecipe(kind, new ModelSpec(spec), TrainConfig.fromMap(config),
                        PreparedData.fromDescription(data), shards, slices, epochsPerSlice, aggregation, null, null,
                        null, null);
            }
            if (!r.hash().equals(hash)) {
                throw new IllegalStateException("the rebuilt comparison model recipe differs from the one described ("
                        + r.hash() + ", described " + hash + ")");
            }
            return r;
        }
    }

    /** This recipe as a {@link Description}. */
    Description describe() {
        return new Description(kind, new LinkedHashMap<>(spec.toMap()), new LinkedHashMap<>(config.toMap()),
                data.description, shards, slices, epochsPerSlice, aggregation,
                unlearnMethod == null ? null : unlearnMethod.name(),
                unlearnSettings == null ? null : new LinkedHashMap<>(unlearnSettings.values()),
                forgetIds == null ? null : new ArrayList<>(forgetIds), base == null ? null : base.describe(), hash());
    }

    /** The seed of the model (of its base, for an unlearned one). */
    long seed() {
        return config.seed;
    }

    /** Everything that determines the model. */
    ModelKey key() {
        if (base != null) {
            return ModelKey.unlearned(unlearnMethod.name(), unlearnSettings.values(), forgetIds.size(),
                    sha256(String.join("\n", forgetIds)), base.key());
        }
        Map<String, Object> training = new LinkedHashMap<>(config.toMap());
        for (String k : NOT_IN_KEY) {
            training.remove(k);
        }
        String excluded = sha256(String.join("\n", new TreeSet<>(data.excludedIds())));
        return ModelKey.trained(kind.name().toLowerCase(java.util.Locale.ROOT), spec, training,
                ModelKey.DataKey.of(data.description, excluded),
                kind == ModelKind.SISA ? new ModelKey.SisaKey(shards, slices, epochsPerSlice, aggregation) : null,
                config.seed);
    }

    /**
     * SHA-256 of the key's canonical JSON (map keys sorted), as hex. The key passes through maps first: only map
     * entries are sorted, and the hashes of existing cache entries were computed over maps.
     */
    String hash() {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(JsonFiles.toMap(key()));
            return sha256(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("model key is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            StringBuilder sb = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
