package org.lethe.weights;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@value ModelDictionary#MANIFEST} of a {@link ModelDictionary}: its base, its keys in insertion order and
 * the history of edits that undo reverses.
 *
 * @param baseRun  the run whose initialisation is the base (its architecture and configuration too)
 * @param baseHash parameter hash of the base
 * @param keys     the keys, in insertion order (also the order in which they are summed)
 * @param history  the edits, oldest first
 */
@JsonPropertyOrder({"format", "base_run", "base_hash", "keys", "history"})
public record DictionaryManifest(@JsonProperty("base_run") String baseRun, @JsonProperty("base_hash") String baseHash,
                                 List<Key> keys, List<Edit> history) {
    /** The format tag. */
    public static final String FORMAT = "lethe.model-dictionary.v1";

    /** Copies the lists. */
    public DictionaryManifest {
        keys = List.copyOf(keys);
        history = List.copyOf(history);
    }

    @JsonCreator
    static DictionaryManifest read(@JsonProperty(value = "format", required = true) String format,
                                   @JsonProperty(value = "base_run", required = true) String baseRun,
                                   @JsonProperty(value = "base_hash", required = true) String baseHash,
                                   @JsonProperty(value = "keys", required = true) List<Key> keys,
                                   @JsonProperty(value = "history", required = true) List<Edit> history) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format is '" + format + "', expected " + FORMAT);
        }
        return new DictionaryManifest(baseRun, baseHash, keys, history);
    }

    /** The format tag, written first. */
    @JsonProperty("format")
    public String format() {
        return FORMAT;
    }

    /**
     * One key: a task vector from the base, with its coefficient in the composed model.
     *
     * @param name        the key's name
     * @param file        its weights, relative to the dictionary
     * @param coefficient its coefficient (0 once removed)
     * @param active      false once removed (kept on disk so that undo restores it exactly)
     * @param source      the model it was measured from
     * @param hash        parameter hash of the task vector
     */
    public record Key(String name, String file, double coefficient, boolean active, String source, String hash) {
        Key withCoefficient(double c, boolean isActive) {
            return new Key(name, file, c, isActive, source, hash);
        }
    }

    /**
     * One edit, enough to reverse it.
     *
     * @param operation {@code insert}, {@code remove} or {@code scale}
     * @param key       the key edited
     * @param before    its coefficient before (null for an insert)
     * @param after     its coefficient after (null for a remove)
     */
    public record Edit(String operation, String key, Double before, Double after) {
    }
}
