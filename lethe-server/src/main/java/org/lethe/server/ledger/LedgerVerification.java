package org.lethe.server.ledger;

import java.util.List;

/**
 * The outcome of checking a whole ledger.
 *
 * @param entries     how many entries were checked
 * @param checkpoints how many stored checkpoints were checked
 * @param firstBad    the index of the first entry found wrong, or -1
 * @param problem     what is wrong, or null when the ledger holds
 * @param root        hex root of the whole tree as recomputed
 */
public record LedgerVerification(long entries, int checkpoints, long firstBad, String problem, String root) {
    /** True when nothing is wrong. */
    public boolean ok() {
        return problem == null;
    }

    /** Checks entries (canonical bytes, stored leaf hashes and running roots) and signed checkpoints. */
    public static LedgerVerification check(List<StoredEntry> entries, List<String> checkpointNotes, byte[] publicKey) {
        CompactRange range = new CompactRange();
        java.util.Map<Long, byte[]> rootAt = new java.util.HashMap<>();
        rootAt.put(0L, range.root());
        for (int i = 0; i < entries.size(); i++) {
            StoredEntry e = entries.get(i);
            if (e.index() != i) {
                return new LedgerVerification(entries.size(), 0, i, "entry " + i + " is missing (next stored index is "
                        + e.index() + ")", null);
            }
            try {
                LedgerEntry parsed = CanonicalJson.read(e.bytes(), LedgerEntry.class);
                if (!java.util.Arrays.equals(parsed.bytes(), e.bytes())) {
                    return bad(entries.size(), i, "entry " + i + " is not canonical JSON");
                }
            } catch (java.io.IOException ex) {
                return bad(entries.size(), i, "entry " + i + " is not a ledger entry: " + ex.getMessage());
            }
            byte[] leaf = MerkleTree.leafHash(e.bytes());
            if (!Hex.of(leaf).equals(e.leafHash())) {
                return bad(entries.size(), i, "entry " + i + ": its bytes do not hash to the stored leaf hash");
            }
            range.append(leaf);
            if (!Hex.of(range.root()).equals(e.rootAfter())) {
                return bad(entries.size(), i, "entry " + i + ": the tree root after it differs from the stored one");
            }
            rootAt.put((long) i + 1, range.root());
        }
        int checked = 0;
        for (String note : checkpointNotes) {
            SignedNote n;
            try {
                n = SignedNote.verify(note, publicKey);
            } catch (IllegalArgumentException ex) {
                return new LedgerVerification(entries.size(), checked, -1, ex.getMessage(), null);
            }
            byte[] root = rootAt.get(n.size());
            if (root == null) {
                return new LedgerVerification(entries.size(), checked, -1, "a signed checkpoint covers " + n.size()
                        + " entries but the ledger has only " + entries.size(), null);
            }
            if (!java.util.Arrays.equals(root, n.root())) {
                return new LedgerVerification(entries.size(), checked, -1, "the entries before index " + n.size()
                        + " do not match the signed checkpoint of that size (they were changed after signing)", null);
            }
            checked++;
        }
        return new LedgerVerification(entries.size(), checked, -1, null, Hex.of(range.root()));
    }

    private static LedgerVerification bad(long n, long index, String problem) {
        return new LedgerVerification(n, 0, index, problem, null);
    }

    /**
     * A ledger row as stored.
     *
     * @param index     its leaf index
     * @param bytes     the entry's bytes
     * @param leafHash  the stored hex leaf hash
     * @param rootAfter the stored hex root after it
     */
    public record StoredEntry(long index, byte[] bytes, String leafHash, String rootAfter) {
    }
}
