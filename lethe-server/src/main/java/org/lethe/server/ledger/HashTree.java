package org.lethe.server.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing RFC 9162 tree that keeps, besides the leaf hashes, the root of every complete power-of-two subtree
 * aligned to its size. Every subtree a proof names is such a subtree or splits into O(log n) of them, so a proof
 * costs O(log² n) hashes at worst instead of the O(n) of hashing up from the leaves. Safe for concurrent use.
 */
public final class HashTree {
    // levels.get(k).get(i): the root of leaves [i * 2^k, (i + 1) * 2^k).
    private final List<List<byte[]>> levels = new ArrayList<>();

    public HashTree() {
        levels.add(new ArrayList<>());
    }

    /** Appends a leaf hash, completing the subtrees it closes. */
    public synchronized void append(byte[] leafHash) {
        levels.get(0).add(leafHash);
        for (int k = 0; levels.get(k).size() % 2 == 0; k++) {
            List<byte[]> level = levels.get(k);
            if (levels.size() == k + 1) {
                levels.add(new ArrayList<>());
            }
            levels.get(k + 1).add(MerkleTree.nodeHash(level.get(level.size() - 2), level.get(level.size() - 1)));
        }
    }

    /** The number of leaves. */
    public synchronized int size() {
        return levels.get(0).size();
    }

    /** The root of the tree of the first {@code n} leaves. */
    public synchronized byte[] root(int n) {
        requireSize(n);
        return n == 0 ? MerkleTree.emptyRoot() : subtreeRoot(0, n);
    }

    /** The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves. */
    public synchronized List<byte[]> inclusionProof(int index, int size) {
        requireSize(size);
        return MerkleTree.inclusionProof(this::subtreeRoot, index, size);
    }

    /** The consistency proof between the trees of the first {@code oldSize} and {@code newSize} leaves. */
    public synchronized List<byte[]> consistencyProof(int oldSize, int newSize) {
        requireSize(newSize);
        return MerkleTree.consistencyProof(this::subtreeRoot, oldSize, newSize);
    }

    private byte[] subtreeRoot(int from, int to) {
        int n = to - from;
        if (Integer.bitCount(n) == 1 && from % n == 0) {
            int k = Integer.numberOfTrailingZeros(n);
            return levels.get(k).get(from >> k);
        }
        return MerkleTree.splitRoot(from, to, this::subtreeRoot);
    }

    private void requireSize(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("a tree of " + n + " leaves, but only " + size() + " are stored");
        }
    }
}
