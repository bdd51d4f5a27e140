package org.lethe.server.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.lethe.server.db.Database;
import org.lethe.server.ledger.CompactRange;
import org.lethe.server.ledger.HashTree;
import org.lethe.server.ledger.Hex;
import org.lethe.server.ledger.LedgerEntry;
import org.lethe.server.ledger.LedgerKey;
import org.lethe.server.ledger.MerkleTree;
import org.lethe.server.ledger.SignedNote;

/**
 * The append-only ledger kept in the database: each row holds an entry's canonical bytes, its leaf hash and the tree
 * root after it. Appends join the caller's transaction, so a state change and its entry are stored together or not
 * at all. The leaf hashes and the roots of the complete subtrees are also kept in memory (about 64 bytes an entry)
 * to serve proofs in O(log² n) hashes.
 */
public final class LedgerLog {
    private final Database db;
    private final LedgerKey key;
    private final String origin;
    private final HashTree tree = new HashTree();
    private CompactRange committed = new CompactRange();
    private CompactRange working;
    private final List<byte[]> pending = new ArrayList<>();

    /** Opens the ledger in {@code db}, signing checkpoints as {@code origin} with {@code key}. */
    public LedgerLog(Database db, LedgerKey key, String origin) throws SQLException {
        this.db = db;
        this.key = key;
        this.origin = origin;
        db.tx(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT leaf_hash FROM ledger ORDER BY leaf_index")) {
                while (rs.next()) {
                    byte[] h = Hex.parse(rs.getString(1));
                    tree.append(h);
                    committed.append(h);
                }
            }
            return null;
        });
    }

    /** The checkpoint origin (the log's name). */
    public String origin() {
        return origin;
    }

    /** The signing key. */
    public LedgerKey key() {
        return key;
    }

    /** Appends {@code entry} inside the caller's transaction on {@code c}; returns its leaf index. */
    public long append(Connection c, LedgerEntry entry) throws SQLException {
        if (working == null) {
            working = committed.copy();
            db.afterCommit(() -> {
                pending.forEach(tree::append);
                committed = working;
                working = null;
                pending.clear();
            });
            db.afterRollback(() -> {
                working = null;
                pending.clear();
            });
        }
        byte[] bytes = entry.bytes();
        byte[] leaf = MerkleTree.leafHash(bytes);
        long index = working.size();
        working.append(leaf);
        pending.add(leaf);
        PreparedStatement p = db.statement("INSERT INTO ledger (leaf_index, entry, leaf_hash, root_after) VALUES (?, ?, ?, ?)");
        p.setLong(1, index);
        p.setString(2, new String(bytes, StandardCharsets.UTF_8));
        p.setString(3, Hex.of(leaf));
        p.setString(4, Hex.of(working.root()));
        p.executeUpdate();
        return index;
    }

    /** The committed tree size. */
    public long size() {
        return tree.size();
    }

    /** The signed checkpoint of the current tree, stored so that later proofs can refer to it. */
    public SignedNote checkpoint() throws SQLException {
        return db.tx(c -> {
            long size = committed.size();
            try (PreparedStatement p = c.prepareStatement("SELECT note FROM checkpoints WHERE tree_size = ?")) {
                p.setLong(1, size);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return SignedNote.verify(rs.getString(1), key.publicKey());
                    }
                }
            }
            SignedNote note = SignedNote.sign(origin, size, committed.root(), key);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO checkpoints (tree_size, note) VALUES (?, ?)")) {
                p.setLong(1, size);
                p.setString(2, note.text());
                p.executeUpdate();
            }
            return note;
        });
    }

    /** The stored checkpoint of {@code size}, or null. */
    public String storedCheckpoint(long size) throws SQLException {
        return db.tx(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT note FROM checkpoints WHERE tree_size = ?")) {
                p.setLong(1, size);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** The entry at {@code index} as stored (base64 of its bytes), or null. */
    public String entryBase64(long index) throws SQLException {
        return db.tx(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT entry FROM ledger WHERE leaf_index = ?")) {
                p.setLong(1, index);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Base64.getEncoder().encodeToString(rs.getString(1).getBytes(StandardCharsets.UTF_8)) : null;
                }
            }
        });
    }

    /** Hex inclusion proof of leaf {@code index} in the tree of {@code size}. */
    public List<String> inclusionProof(long index, long size) {
        long stored = tree.size();
        if (size > stored || index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size
                    + " (the ledger has " + stored + " entries)");
        }
        return hex(tree.inclusionProof((int) index, (int) size));
    }

    /** Hex consistency proof from {@code oldSize} to {@code newSize}. */
    public List<String> consistencyProof(long oldSize, long newSize) {
        long stored = tree.size();
        if (oldSize < 0 || oldSize > newSize || newSize > stored) {
            throw new IllegalArgumentException("no consistency proof from " + oldSize + " to " + newSize
                    + " (the ledger has " + stored + " entries)");
        }
        return hex(tree.consistencyProof((int) oldSize, (int) newSize));
    }

    private static List<String> hex(List<byte[]> hashes) {
        List<String> out = new ArrayList<>(hashes.size());
        for (byte[] h : hashes) {
            out.add(Hex.of(h));
        }
        return out;
    }
}
