package org.lethe.server.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The roots of the perfect subtrees that make up a tree of n leaves (one per bit of n, largest first): enough to
 * append a leaf and to compute the RFC 9162 root in O(log n) without keeping the leaves.
 */
public final class CompactRange {
    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private long size;

    /** A copy that can be appended to independently. */
    public CompactRange copy() {
        CompactRange c = new CompactRange();
        c.hashes.addAll(hashes);
        c.sizes.addAll(sizes);
        c.size = size;
        return c;
    }

    /** Appends a leaf hash. */
    public void append(byte[] leafHash) {
        hashes.add(leafHash);
        sizes.add(1L);
        size++;
        int n = hashes.size();
        while (n >= 2 && sizes.get(n - 1).equals(sizes.get(n - 2))) {
            byte[] merged = MerkleTree.nodeHash(hashes.get(n - 2), hashes.get(n - 1));
            long s = sizes.get(n - 1) * 2;
            hashes.remove(n - 1);
            sizes.remove(n - 1);
            hashes.set(n - 2, merged);
            sizes.set(n - 2, s);
            n--;
        }
    }

    /** The number of leaves. */
    public long size() {
        return size;
    }

    /** The root of the tree so far. */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] r = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            r = MerkleTree.nodeHash(hashes.get(i), r);
        }
        return r;
    }
}
