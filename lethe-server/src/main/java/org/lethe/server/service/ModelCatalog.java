package org.lethe.server.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lethe.data.Examples;
import org.lethe.server.db.Database;
import org.lethe.store.ModelKind;
import org.lethe.store.StoredModel;
import org.lethe.train.PreparedData;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;

/**
 * The models the service deletes from, each with its current-version pointer (a row in the database, moved by the
 * worker in the same transaction that marks the requests applied) and the subjects and ids its training data holds
 * (read once, to refuse requests for unknown data at submission).
 */
public final class ModelCatalog {
    private final Database db;
    private final Map<String, ModelEntry> models = new LinkedHashMap<>();

    public ModelCatalog(Database db) throws SQLException, IOException {
        this.db = db;
        Map<String, String[]> rows = db.tx(c -> {
            Map<String, String[]> out = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, current_path, method FROM models ORDER BY id")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
            return out;
        });
        for (Map.Entry<String, String[]> e : rows.entrySet()) {
            models.put(e.getKey(), load(e.getKey(), Path.of(e.getValue()[0]), e.getValue()[1]));
        }
    }

    /**
     * Registers {@code path} as model {@code id} with {@code method} (null: the model kind's default exact method).
     * A model registered before keeps its current version; registering it again with another path is an error.
     */
    public synchronized ModelEntry register(String id, Path path, String method) throws SQLException, IOException {
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("model id '" + id + "': use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Path abs = path.toAbsolutePath().normalize();
        ModelEntry known = models.get(id);
        if (known != null) {
            return known;
        }
        if (!Files.isDirectory(abs)) {
            throw new IllegalArgumentException("model " + id + ": no such model directory: " + path);
        }
        StoredModel stored = StoredModel.open(abs);
        DeletionMethod m = method == null ? DeletionMethods.defaultFor(stored.kind()) : DeletionMethods.forModel(method, stored.kind());
        ModelEntry entry = load(id, abs, m.name());
        db.tx(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO models (id, current_path, method, registered_at) VALUES (?, ?, ?, ?)")) {
                p.setString(1, id);
                p.setString(2, abs.toString());
                p.setString(3, m.name());
                p.setString(4, Instant.now().toString());
                p.executeUpdate();
            }
            return null;
        });
        models.put(id, entry);
        return entry;
    }

    private static ModelEntry load(String id, Path current, String method) throws IOException {
        StoredModel stored = StoredModel.open(current);
        PreparedData data = stored.kind() == ModelKind.SISA ? stored.openEnsemble().data : stored.openRun().data;
        Set<String> subjects = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Examples train = data.train;
        for (int i = 0; i < train.size(); i++) {
            ids.add(train.id(i));
            if (train.subject(i) != null) {
                subjects.add(train.subject(i));
            }
        }
        for (String gone : data.excludedIds()) {
            ids.add(gone);
            int i = data.all.indexOf(gone);
            if (i >= 0 && data.all.subject(i) != null) {
                subjects.add(data.all.subject(i));
            }
        }
        return new ModelEntry(id, current, method, DeletionMethods.named(method).exact(), Set.copyOf(subjects), Set.copyOf(ids));
    }

    /** The model called {@code id}, or null. */
    public synchronized ModelEntry get(String id) {
        return models.get(id);
    }

    /** Every model, by id. */
    public synchronized List<ModelEntry> all() {
        return new ArrayList<>(models.values());
    }

    /** Moves model {@code id}'s current-version pointer to {@code version}, inside the caller's transaction. */
    public void moveCurrent(Connection c, String id, Path version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE models SET current_path = ? WHERE id = ?")) {
            p.setString(1, version.toString());
            p.setString(2, id);
            if (p.executeUpdate() != 1) {
                throw new SQLException("no model " + id);
            }
        }
        db.afterCommit(() -> {
            synchronized (this) {
                ModelEntry old = models.get(id);
                models.put(id, new ModelEntry(id, version, old.method(), old.exact(), old.subjects(), old.ids()));
            }
        });
    }
}
