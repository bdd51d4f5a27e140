package org.lethe.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.io.JsonFiles;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Module;
import org.lethe.train.TrainingRun;

/**
 * A model kept as a dictionary: a stored base initialisation {@code theta_0} plus named keys, each a task vector
 * {@code tau_k} trained from that base on its own data, and the model is {@code theta_0 + sum_k c_k tau_k} (keys
 * summed in insertion order). Keys can be inserted, removed and scaled, and every edit undone exactly: the model
 * is recomputed from the same stored arrays with the same coefficients in the same order, so undoing gives the
 * same bits as before. A key is accepted only if its model started from the base (same architecture, same
 * initialisation, checked by hash), because a task vector means nothing relative to another initialisation.
 *
 * <p>On disk: {@value #MANIFEST} ({@link DictionaryManifest}), {@code base.safetensors} and
 * {@code keys/<name>.safetensors}. Key weights are written before the manifest that names them, and the manifest
 * atomically, so an interrupted edit leaves the previous dictionary intact.
 */
public final class ModelDictionary {
    /** The manifest file. */
    public static final String MANIFEST = "dictionary.json";
    private static final String BASE_FILE = "base.safetensors";

    private final Path dir;
    private DictionaryManifest manifest;

    private ModelDictionary(Path dir, DictionaryManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** A new dictionary in {@code dir} (which must not exist) whose base is the initialisation of {@code baseRun}. */
    public static ModelDictionary create(Path dir, Path baseRun) throws IOException {
        if (Files.exists(dir)) {
            throw new IOException(dir + " already exists; a dictionary is created in a new directory");
        }
        TrainingRun run = TrainingRun.open(baseRun);
        WeightSet base = WeightSet.of(run.model);
        Files.createDirectories(dir.resolve("keys"));
        SafeTensors.write(dir.resolve(BASE_FILE), base.values(), Map.of("format", "lethe.dictionary-base.v1"));
        ModelDictionary d = new ModelDictionary(dir, new DictionaryManifest(
                baseRun.toAbsolutePath().normalize().toString(), base.hash(), List.of(), List.of()));
        d.save();
        return d;
    }

    /** Opens the dictionary in {@code dir}. */
    public static ModelDictionary open(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file + " (not a model dictionary; create one with "
                    + "'lethe algebra keys --dict DIR --create-from RUN')");
        }
        return new ModelDictionary(dir, JsonFiles.read(file, DictionaryManifest.class, false));
    }

    /** The manifest as it stands. */
    public DictionaryManifest manifest() {
        return manifest;
    }

    /** The run whose initialisation is the base. */
    public Path baseRun() {
        return Path.of(manifest.baseRun());
    }

    /** A model of the base's architecture holding the base weights. */
    public Module baseModel() throws IOException {
        Module m = TrainingRun.open(baseRun()).model;
        SafeTensors.load(dir.resolve(BASE_FILE), m);
        m.train(false);
        return m;
    }

    /** The base weights. */
    public WeightSet base() throws IOException {
        return WeightSet.of(baseModel());
    }

    /**
     * Inserts key {@code name}: the task vector of the trained run {@code keyRun}, which must have started from the
     * base, with coefficient {@code coefficient}.
     */
    public void insert(String name, Path keyRun, double coefficient) throws IOException {
        TrainingRun run = TrainingRun.open(keyRun);
        String startHash = WeightSet.of(run.model).hash();
        if (!startHash.equals(manifest.baseHash())) {
            throw new IllegalArgumentException("mismatched base: " + keyRun + " did not start from this dictionary's "
                    + "base (its initialisation differs; train it with the base run's architecture and seed)");
        }
        run.loadFinalModel();
        insert(name, TaskVector.between(name, base(), WeightSet.of(run.model)),
                keyRun.toAbsolutePath().normalize().toString(), coefficient);
    }

    /** Inserts a task vector measured from the base as key {@code name}. */
    public void insert(String name, TaskVector vector, String source, double coefficient) throws IOException {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("key names use letters, digits, '_', '.' and '-': '" + name + "'");
        }
        if (find(name) != null) {
            throw new IllegalArgumentException("the dictionary already has a key '" + name + "' (remove it first, or "
                    + "scale it)");
        }
        requireFinite(coefficient);
        vector.delta().requireSameLayout(base(), "dictionary's base");
        String file = "keys/" + name + ".safetensors";
        SafeTensors.write(dir.resolve(file), vector.delta().values(), Map.of("format", "lethe.task-vector.v1", "name", name));
        List<DictionaryManifest.Key> keys = new ArrayList<>(manifest.keys());
        keys.add(new DictionaryManifest.Key(name, file, coefficient, true, source, vector.delta().hash()));
        commit(keys, new DictionaryManifest.Edit("insert", name, null, coefficient));
    }

    /** Removes key {@code name} from the model (its vector stays on disk so that undo can restore it). */
    public void remove(String name) throws IOException {
        DictionaryManifest.Key k = requireActive(name);
        commit(replace(k.withCoefficient(0, false)), new DictionaryManifest.Edit("remove", name, k.coefficient(), null));
    }

    /** Sets key {@code name}'s coefficient. */
    public void scale(String name, double coefficient) throws IOException {
        requireFinite(coefficient);
        DictionaryManifest.Key k = requireActive(name);
        commit(replace(k.withCoefficient(coefficient, true)),
                new DictionaryManifest.Edit("scale", name, k.coefficient(), coefficient));
    }

    /** Reverses the last edit; returns it. */
    public DictionaryManifest.Edit undo() throws IOException {
        List<DictionaryManifest.Edit> history = new ArrayList<>(manifest.history());
        if (history.isEmpty()) {
            throw new IllegalStateException("nothing to undo: the dictionary has no edits");
        }
        DictionaryManifest.Edit last = history.remove(history.size() - 1);
        DictionaryManifest.Key k = find(last.key());
        List<DictionaryManifest.Key> keys;
        switch (last.operation()) {
            case "insert" -> {
                keys = new ArrayList<>(manifest.keys());
                keys.remove(k);
            }
            case "remove", "scale" -> keys = replace(k.withCoefficient(last.before(), true));
            default -> throw new IllegalStateException("unknown edit " + last.operation() + " in " + MANIFEST);
        }
        manifest = new DictionaryManifest(manifest.baseRun(), manifest.baseHash(), keys, history);
        save();
        if (last.operation().equals("insert")) {
            Files.deleteIfExists(dir.resolve(k.file()));
        }
        return last;
    }

    /** The task vector of key {@code name}. */
    public TaskVector vector(String name) throws IOException {
        DictionaryManifest.Key k = find(name);
        if (k == null) {
            throw new IllegalArgumentException("no key '" + name + "' (keys: " + names() + ")");
        }
        Module holder = baseModel();
        SafeTensors.load(dir.resolve(k.file()), holder);
        return new TaskVector(name, WeightSet.of(holder));
    }

    /** The model: the base plus every active key times its coefficient, in insertion order. */
    public WeightSet compose() throws IOException {
        WeightSet model = base();
        for (DictionaryManifest.Key k : manifest.keys()) {
            if (k.active()) {
                model = model.plusScaled(k.coefficient(), vector(k.name()).delta());
            }
        }
        return model;
    }

    /** The coefficients of the active keys, by name, for a record. */
    public Map<String, Double> coefficients() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (DictionaryManifest.Key k : manifest.keys()) {
            if (k.active()) {
                m.put(k.name(), k.coefficient());
            }
        }
        return m;
    }

    /** Every key name, removed ones included. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (DictionaryManifest.Key k : manifest.keys()) {
            out.add(k.name());
        }
        return out;
    }

    private DictionaryManifest.Key find(String name) {
        for (DictionaryManifest.Key k : manifest.keys()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    private DictionaryManifest.Key requireActive(String name) {
        DictionaryManifest.Key k = find(name);
        if (k == null || !k.active()) {
            throw new IllegalArgumentException("no active key '" + name + "' (keys: " + coefficients().keySet() + ")");
        }
        return k;
    }

    private List<DictionaryManifest.Key> replace(DictionaryManifest.Key changed) {
        List<DictionaryManifest.Key> keys = new ArrayList<>();
        for (DictionaryManifest.Key k : manifest.keys()) {
            keys.add(k.name().equals(changed.name()) ? changed : k);
        }
        return keys;
    }

    private void commit(List<DictionaryManifest.Key> keys, DictionaryManifest.Edit edit) throws IOException {
        List<DictionaryManifest.Edit> history = new ArrayList<>(manifest.history());
        history.add(edit);
        manifest = new DictionaryManifest(manifest.baseRun(), manifest.baseHash(), keys, history);
        save();
    }

    private void save() throws IOException {
        JsonFiles.write(dir.resolve(MANIFEST), manifest);
    }

    private static void requireFinite(double c) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("a coefficient must be finite, got " + c);
        }
    }
}
