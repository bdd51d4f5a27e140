package org.lethe.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The service's database: SQLite in the data directory by default, or PostgreSQL through a JDBC URL. One connection
 * serves the process, and every unit of work runs as one transaction under one lock: the service writes from one
 * process, SQLite admits one writer anyway, and it makes read-then-write steps (idempotent submission, ledger
 * appends) atomic without retry loops. Work that many callers submit at once (deletion requests) goes through
 * {@link #groupedTx}, which commits whatever is waiting in one transaction. Versioned migrations
 * ({@code V<n>__*.sql}) run on open.
 */
public final class Database implements AutoCloseable {
    /** A unit of work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterRollback = new ArrayList<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Object groupGuard = new Object();
    private GroupCommit group;
    private boolean closed;

    private Database(String url, Connection connection) {
        this.url = url;
        this.connection = connection;
    }

    /** The default URL: SQLite in {@code dataDir/lethe.db}. */
    public static String sqliteUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("lethe.db").toAbsolutePath();
    }

    /** Opens the database at {@code url} and brings its schema up to date. */
    public static Database open(String url) throws SQLException, IOException {
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db: only jdbc:sqlite: and jdbc:postgresql: URLs are supported, got " + url);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        }
        Connection c = DriverManager.getConnection(url);
        if (url.startsWith("jdbc:sqlite:")) {
            try (Statement s = c.createStatement()) {
                // WAL with FULL sync: every commit is fsynced before it returns, so a request acknowledged after
                // its commit survives a power cut, not only a killed process (NORMAL would only promise the
                // latter). Group commit (groupedTx) shares one fsync among all the submissions waiting for it.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
        }
        // Transactions are delimited by commit and rollback alone: switching auto-commit around each one costs
        // statements of its own on every unit of work.
        c.setAutoCommit(false);
        Database db = new Database(url, c);
        db.migrate();
        return db;
    }

    /** True for PostgreSQL. */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** Runs {@code work} in one transaction, committing on success and rolling back on any failure. */
    public <T> T tx(Work<T> work) throws SQLException {
        lock.lock();
        try {
            List<Runnable> hooks;
            try {
                T result = work.run(connection);
                connection.commit();
                hooks = new ArrayList<>(afterCommit);
                afterCommit.clear();
                afterRollback.clear();
                hooks.forEach(Runnable::run);
                return result;
            } catch (SQLException | RuntimeException e) {
                afterCommit.clear();
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                List<Runnable> undo = new ArrayList<>(afterRollback);
                afterRollback.clear();
                undo.forEach(Runnable::run);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in a transaction shared with the other grouped work waiting at the same moment (one writer
     * thread commits them together) and returns once that transaction has committed. {@code work} may run twice:
     * when another unit of its group fails, the group is rolled back and each unit runs again on its own.
     */
    public <T> T groupedTx(Work<T> work) throws SQLException {
        GroupCommit g;
        synchronized (groupGuard) {
            if (closed) {
                throw new SQLException("the database is closed");
            }
            if (group == null) {
                group = new GroupCommit(this);
            }
            g = group;
        }
        return g.run(work);
    }

    /**
     * The prepared statement for {@code sql} on this database's connection, prepared once and reused by every later
     * transaction (parsing the SQL again costs as much as running a small statement). Only inside {@link #tx}; the
     * caller must not close it, and must close any result set it opens.
     */
    public PreparedStatement statement(String sql) throws SQLException {
        requireTransaction("statement");
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = connection.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    private void requireTransaction(String what) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(what + " outside a transaction");
        }
    }

    /** Runs {@code hook} once the current transaction commits (dropped if it rolls back). */
    public void afterCommit(Runnable hook) {
        requireTransaction("afterCommit");
        afterCommit.add(hook);
    }

    /** Runs {@code hook} if the current transaction rolls back (dropped if it commits). */
    public void afterRollback(Runnable hook) {
        requireTransaction("afterRollback");
        afterRollback.add(hook);
    }

    private void migrate() throws SQLException, IOException {
        tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            }
            return null;
        });
        int current = tx(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
        List<String> scripts = resourceLines("migrations.txt");
        for (int v = current + 1; v <= scripts.size(); v++) {
            String name = scripts.get(v - 1);
            if (!name.startsWith("V" + v + "__")) {
                throw new IllegalStateException("migration " + v + " is " + name);
            }
            String sql = resource(name);
            int version = v;
            tx(c -> {
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(sql)) {
                        s.execute(statement);
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, Instant.now().toString());
                    p.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The schema version in force. */
    public int schemaVersion() throws SQLException {
        return tx(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    // Splits a script at semicolons ending a line; comment lines are dropped.
    private static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.trim().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                String s = current.toString().trim();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static List<String> resourceLines(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : resource(name).split("\n")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Database.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws SQLException {
        synchronized (groupGuard) {
            closed = true;
            if (group != null) {
                group.close();
            }
        }
        lock.lock();
        try {
            for (PreparedStatement p : statements.values()) {
                p.close();
            }
            statements.clear();
            connection.close();
        } finally {
            lock.unlock();
        }
    }
}
