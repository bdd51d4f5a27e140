package org.lethe.server;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The databases every storage test runs on: SQLite always, PostgreSQL where its server binaries are installed. */
public final class Storage {
    private Storage() {
    }

    /** The kinds, for {@code @MethodSource}. */
    public static Stream<String> kinds() {
        return Stream.of("sqlite", "postgresql");
    }

    /** A fresh database URL of {@code kind} (null: SQLite in the data directory); skips when PostgreSQL is missing. */
    public static String url(String kind, Path dataDir) throws Exception {
        if (kind.equals("sqlite")) {
            return null;
        }
        PostgresCluster cluster = PostgresCluster.get();
        Assumptions.assumeTrue(cluster != null, () -> "skipped on PostgreSQL: " + PostgresCluster.whyUnavailable());
        return cluster.newDatabase();
    }
}
