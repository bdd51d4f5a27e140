package org.lethe.app.cli;

import java.nio.file.Path;
import org.lethe.server.LetheServer;
import picocli.CommandLine.Option;

/** Where the service keeps its state: {@code --data-dir} and {@code --db}, shared by serve, token and ledger commands. */
public final class StorageOptions {
    @Option(names = "--data-dir", defaultValue = "lethe-data", paramLabel = "DIR",
            description = "The service's data directory: database (SQLite by default), ledger key. Default: ${DEFAULT-VALUE}.")
    private Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "A database URL instead of SQLite in the data directory, e.g. jdbc:postgresql://host/db?user=u")
    private String db;

    /** The service settings these options describe. */
    public LetheServer.Settings settings() {
        return LetheServer.Settings.defaults(dataDir).withDb(db);
    }
}
