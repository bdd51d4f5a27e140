package org.lethe.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.lethe.server.api.HttpApi;
import org.lethe.server.db.Database;
import org.lethe.server.ledger.LedgerKey;
import org.lethe.server.service.DeletionService;
import org.lethe.server.service.LedgerLog;
import org.lethe.server.service.ModelCatalog;
import org.lethe.server.service.Tokens;
import org.lethe.server.service.Verifier;
import org.lethe.server.worker.DeletionWorker;

/**
 * The deletion service assembled: database, ledger, model catalog, requests, tokens, worker and HTTP API over one
 * data directory. {@link #open} only opens; {@link #start} starts the worker and the HTTP server.
 */
public final class LetheServer implements AutoCloseable {
    /** How the service is set up. */
    public record Settings(Path dataDir, String dbUrl, String origin, Verifier verifier, boolean publicLedger,
                           Duration batchWindow, Duration retryBackoff, int threads) {
        /** Defaults: SQLite in the data directory, automatic verification, a two-second batch window. */
        public static Settings defaults(Path dataDir) {
            return new Settings(dataDir, null, "lethe.local/deletion-ledger", Verifier.AUTOMATIC, false,
                    Duration.ofSeconds(2), Duration.ofSeconds(5), Math.max(1, Runtime.getRuntime().availableProcessors()));
        }

        public Settings withDb(String url) {
            return new Settings(dataDir, url, origin, verifier, publicLedger, batchWindow, retryBackoff, threads);
        }

        public Settings withVerifier(Verifier v) {
            return new Settings(dataDir, dbUrl, origin, v, publicLedger, batchWindow, retryBackoff, threads);
        }

        public Settings withPublicLedger(boolean p) {
            return new Settings(dataDir, dbUrl, origin, verifier, p, batchWindow, retryBackoff, threads);
        }

        public Settings withBatchWindow(Duration w) {
            return new Settings(dataDir, dbUrl, origin, verifier, publicLedger, w, retryBackoff, threads);
        }

        public Settings withRetryBackoff(Duration b) {
            return new Settings(dataDir, dbUrl, origin, verifier, publicLedger, batchWindow, b, threads);
        }

        public Settings withOrigin(String o) {
            return new Settings(dataDir, dbUrl, o, verifier, publicLedger, batchWindow, retryBackoff, threads);
        }
    }

    private final Database db;
    private final DeletionService service;
    private final Tokens tokens;
    private final DeletionWorker worker;
    private final Settings settings;
    private Javalin http;

    private LetheServer(Settings settings, Database db, DeletionService service, Tokens tokens, DeletionWorker worker) {
        this.settings = settings;
        this.db = db;
        this.service = service;
        this.tokens = tokens;
        this.worker = worker;
    }

    /** Opens (and migrates) the service's storage without starting anything. */
    public static LetheServer open(Settings s) throws SQLException, IOException {
        String url = s.dbUrl() != null ? s.dbUrl() : Database.sqliteUrl(s.dataDir());
        Database db = Database.open(url);
        try {
            LedgerLog ledger = new LedgerLog(db, LedgerKey.loadOrCreate(s.dataDir()), s.origin());
            ModelCatalog catalog = new ModelCatalog(db);
            DeletionService service = new DeletionService(db, ledger, catalog, s.verifier());
            DeletionWorker worker = new DeletionWorker(service, s.batchWindow(), s.retryBackoff(), s.threads());
            return new LetheServer(s, db, service, new Tokens(db), worker);
        } catch (SQLException | IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Starts the worker and the HTTP server on {@code port} (0: any free port) of {@code host}. */
    public LetheServer start(String host, int port) {
        worker.start();
        http = new HttpApi(service, tokens, settings.publicLedger()).create().start(host, port);
        return this;
    }

    /** The HTTP port (after {@link #start}). */
    public int port() {
        return http.port();
    }

    public DeletionService service() {
        return service;
    }

    public Tokens tokens() {
        return tokens;
    }

    public DeletionWorker worker() {
        return worker;
    }

    public Database db() {
        return db;
    }

    @Override
    public void close() throws Exception {
        if (http != null) {
            http.stop();
        }
        worker.stop();
        db.close();
    }
}
