package org.lethe.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    @Test
    void everyCallerSeesItsOwnOutcomeAndAReturnedWriteIsCommitted(@TempDir Path tmp) throws Exception {
        String url = Database.sqliteUrl(tmp);
        try (Database db = Database.open(url); Connection other = DriverManager.getConnection(url)) {
            db.tx(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)");
                }
                return null;
            });
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int id = i;
                futures.add(pool.submit((Callable<Integer>) () -> db.groupedTx(c -> {
                    PreparedStatement p = db.statement("INSERT INTO items (id) VALUES (?)");
                    p.setInt(1, id);
                    p.executeUpdate();
                    // Every tenth unit fails after writing: its row must go, its group's other rows must stay.
                    if (id % 10 == 7) {
                        throw new IllegalStateException("unit " + id + " refused");
                    }
                    return id;
                })));
            }
            int succeeded = 0;
            for (int i = 0; i < futures.size(); i++) {
                if (i % 10 == 7) {
                    int failing = i;
                    assertThatThrownBy(() -> futures.get(failing).get()).isInstanceOf(ExecutionException.class)
                            .hasRootCauseMessage("unit " + i + " refused");
                    continue;
                }
                assertThat(futures.get(i).get()).isEqualTo(i);
                succeeded++;
                // Answered means committed: another connection already sees the row.
                try (PreparedStatement p = other.prepareStatement("SELECT COUNT(*) FROM items WHERE id = ?")) {
                    p.setInt(1, i);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("row %d", i).isEqualTo(1);
                    }
                }
            }
            pool.shutdown();
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(id % 10 = 7) FROM items")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(succeeded).isEqualTo(360);
                assertThat(rs.getInt(2)).isZero();
            }
        }
    }

    @Test
    void aClosedDatabaseRefusesGroupedWork(@TempDir Path tmp) throws Exception {
        Database db = Database.open(Database.sqliteUrl(tmp));
        assertThat(db.<Integer>groupedTx(c -> 1)).isEqualTo(1);
        db.close();
        assertThatThrownBy(() -> db.groupedTx(c -> 2)).isInstanceOf(java.sql.SQLException.class).hasMessageContaining("closed");
    }
}
