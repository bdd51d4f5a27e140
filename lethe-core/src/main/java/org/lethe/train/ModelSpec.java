package org.lethe.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.lethe.nn.Activation;
import org.lethe.nn.Gpt;
import org.lethe.nn.GptConfig;
import org.lethe.nn.Mlp;
import org.lethe.nn.Module;
import org.lethe.nn.SmallCnn;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

/**
 * A model architecture as a small JSON-ready map, and the factory that builds it. Kinds: {@code mlp}
 * ({@code widths}, {@code activation}, {@code dropout}), {@code cnn} (the small benchmark CNN), {@code gpt}
 * ({@code vocab}, {@code context}, {@code layers}, {@code width}, {@code heads}, {@code mlp_width}).
 *
 * <p>In a description ({@link RunDescription}, {@link SisaDescription}) the architecture is the {@code architecture}
 * section, written and read through {@link #toMap} and the map constructor: the keys depend on the kind, and model
 * cards (which cannot name this type) hold the same map.
 */
public final class ModelSpec {
    // The keys each kind's factory writes (and build reads): the only keys the map constructor accepts.
    private static final Map<String, List<String>> KEYS = Map.of(
            "mlp", List.of("kind", "widths", "activation", "dropout"),
            "cnn", List.of("kind"),
            "gpt", List.of("kind", "vocab", "context", "layers", "width", "heads", "mlp_width"));

    private final Map<String, Object> config;

    /**
     * The architecture {@code config} describes, as {@link #toMap} writes it.
     *
     * @throws IllegalArgumentException without a {@code kind}, or on a key that kind does not have (naming it and
     *         the known keys): a renamed or misspelt key would otherwise be ignored and its default silently used.
     *         An unknown kind is refused by {@link #build}, which names the kinds.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ModelSpec(Map<String, ?> config) {
        this.config = new LinkedHashMap<>(config);
        if (this.config.get("kind") == null) {
            throw new IllegalArgumentException("model architecture has no 'kind' (mlp, cnn, gpt)");
        }
        List<String> known = KEYS.get(kind());
        if (known != null) {
            for (String key : this.config.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(kind() + " architecture has an unknown key '" + key
                            + "' (known: " + String.join(", ", known) + ")");
                }
            }
        }
    }

    /** GPT context length of a new run when none is chosen. */
    public static final int DEFAULT_GPT_CONTEXT = 16;
    /** GPT transformer blocks of a new run when none is chosen. */
    public static final int DEFAULT_GPT_LAYERS = 1;
    /** GPT embedding width of a new run when none is chosen. */
    public static final int DEFAULT_GPT_WIDTH = 32;
    /** GPT attention heads of a new run when none is chosen. */
    public static final int DEFAULT_GPT_HEADS = 4;

    /** The architecture of a new run when none is chosen: a character GPT for a text corpus, an MLP otherwise. */
    public static String defaultKind(boolean text) {
        return text ? "gpt" : "mlp";
    }

    /** MLP hidden widths of a new run when none are chosen: 256, 128 (a fresh array). */
    public static int[] defaultMlpHidden() {
        return new int[] {256, 128};
    }

    /** An MLP with the given widths (input, hidden..., output). */
    public static ModelSpec mlp(int... widths) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "mlp");
        List<Integer> w = new ArrayList<>();
        for (int x : widths) {
            w.add(x);
        }
        m.put("widths", w);
        m.put("activation", "relu");
        m.put("dropout", 0.0);
        return new ModelSpec(m);
    }

    /** The small CNN for 28x28 single-channel images. */
    public static ModelSpec cnn() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "cnn");
        return new ModelSpec(m);
    }

    /** A character GPT. */
    public static ModelSpec gpt(int vocab, int context, int layers, int width, int heads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "gpt");
        m.put("vocab", vocab);
        m.put("context", context);
        m.put("layers", layers);
        m.put("width", width);
        m.put("heads", heads);
        m.put("mlp_width", 4 * width);
        return new ModelSpec(m);
    }

    public String kind() {
        return config.get("kind").toString();
    }

    /** The map, for JSON. */
    @JsonValue
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(config);
    }

    /** The input shape (batch axis 0) a classifier of this kind expects, or null for flat features. */
    public int[] inputShape() {
        return kind().equals("cnn") ? new int[] {0, 1, 28, 28} : null;
    }

    /** Builds the model with initial weights drawn from {@code seed}. */
    public Module build(Algebra algebra, long seed) {
        Rng rng = new Rng(Rng.derive(seed, 0x1417));
        switch (kind()) {
            case "mlp": {
                List<?> w = (List<?>) config.get("widths");
                if (w == null || w.size() < 2) {
                    throw new IllegalArgumentException("mlp architecture needs 'widths' with at least two entries");
                }
                int[] widths = new int[w.size()];
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = ((Number) w.get(i)).intValue();
                }
                Activation act = Activation.valueOf(config.getOrDefault("activation", "relu").toString().toUpperCase(java.util.Locale.ROOT));
                double dropout = ((Number) config.getOrDefault("dropout", 0.0)).doubleValue();
                return new Mlp(algebra, rng, widths, act, dropout);
            }
            case "cnn":
                return new SmallCnn(algebra, rng);
            case "gpt": {
                GptConfig c = GptConfig.builder(intOf("vocab"), intOf("context"))
                        .layers(intOf("layers")).width(intOf("width")).heads(intOf("heads"))
                        .mlpWidth(intOf("mlp_width")).build();
                return new Gpt(algebra, rng, c);
            }
            default:
                throw new IllegalArgumentException("unknown model kind '" + kind() + "' (mlp, cnn, gpt)");
        }
    }

    private int intOf(String key) {
        Object v = config.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(kind() + " architecture needs a number '" + key + "'");
        }
        return ((Number) v).intValue();
    }

    /** The algebra named in a training configuration. */
    public static Algebra algebra(String name) {
        switch (name) {
            case "f32": return Real32.INSTANCE;
            case "f64": return Real64.INSTANCE;
            default: throw new IllegalArgumentException("unknown algebra '" + name + "' (f32, f64)");
        }
    }
}
