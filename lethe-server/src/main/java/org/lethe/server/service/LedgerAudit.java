package org.lethe.server.service;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.lethe.server.db.Database;
import org.lethe.server.ledger.LedgerVerification;

/** Reads every ledger row and stored checkpoint from the database and checks them ({@code lethe ledger verify}). */
public final class LedgerAudit {
    private LedgerAudit() {
    }

    public static LedgerVerification verify(Database db, byte[] publicKey) throws SQLException {
        List<LedgerVerification.StoredEntry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        db.tx(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT leaf_index, entry, leaf_hash, root_after FROM ledger ORDER BY leaf_index")) {
                while (rs.next()) {
                    entries.add(new LedgerVerification.StoredEntry(rs.getLong(1), rs.getString(2).getBytes(StandardCharsets.UTF_8),
                            rs.getString(3), rs.getString(4)));
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT note FROM checkpoints ORDER BY tree_size")) {
                while (rs.next()) {
                    notes.add(rs.getString(1));
                }
            }
            return null;
        });
        return LedgerVerification.check(entries, notes, publicKey);
    }
}
