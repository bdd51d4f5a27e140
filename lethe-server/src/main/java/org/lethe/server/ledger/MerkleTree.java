package org.lethe.server.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle-tree hashing, inclusion and consistency proofs as RFC 9162 (Certificate Transparency 2.0) defines them:
 * a leaf hashes as SHA-256(0x00 || entry), an inner node as SHA-256(0x01 || left || right), and a tree of n leaves
 * splits at the largest power of two below n. Proofs list sibling hashes from the leaf upwards (RFC 9162, 2.1.3 and
 * 2.1.4); the verifiers follow the RFC's iterative algorithms so that they share no code with the provers.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    /** SHA-256 of the empty string: the root of the empty tree. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The leaf hash of an entry's bytes. */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest d = sha256();
        d.update((byte) 0);
        d.update(entry);
        return d.digest();
    }

    /** The hash of an inner node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 1);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The root hash of the RFC 9162 tree over leaves {@code [from, to)} of some list of leaf hashes. */
    @FunctionalInterface
    public interface Subtrees {
        byte[] root(int from, int to);
    }

    /** The root of the tree over the first {@code n} of these leaf hashes. */
    public static byte[] root(List<byte[]> leaves, int n) {
        return n == 0 ? emptyRoot() : subtreeRoot(leaves, 0, n);
    }

    // Computes the root from the leaves: O(n) hashes.
    private static byte[] subtreeRoot(List<byte[]> leaves, int from, int to) {
        return to - from == 1 ? leaves.get(from) : splitRoot(from, to, (a, b) -> subtreeRoot(leaves, a, b));
    }

    /** The root of leaves {@code [from, to)} (at least two) from the roots of the two parts RFC 9162 splits them into. */
    static byte[] splitRoot(int from, int to, Subtrees parts) {
        int n = to - from;
        int k = split(n);
        return nodeHash(parts.root(from, from + k), parts.root(from + k, to));
    }

    // The largest power of two smaller than n (n >= 2).
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    /** The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves (PATH(m, D[n])). */
    public static List<byte[]> inclusionProof(List<byte[]> leaves, int index, int size) {
        if (size > leaves.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        return inclusionProof((from, to) -> subtreeRoot(leaves, from, to), index, size);
    }

    /** The inclusion proof of leaf {@code index} in the tree of {@code size} leaves whose subtree roots {@code tree} gives. */
    public static List<byte[]> inclusionProof(Subtrees tree, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(tree, index, 0, size, proof);
        return proof;
    }

    private static void path(Subtrees tree, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(tree, m, from, from + k, out);
            out.add(tree.root(from + k, to));
        } else {
            path(tree, m - k, from + k, to, out);
            out.add(tree.root(from, from + k));
        }
    }

    /** The consistency proof between the trees of the first {@code oldSize} and {@code newSize} leaves. */
    public static List<byte[]> consistencyProof(List<byte[]> leaves, int oldSize, int newSize) {
        if (newSize > leaves.size()) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to " + newSize);
        }
        return consistencyProof((from, to) -> subtreeRoot(leaves, from, to), oldSize, newSize);
    }

    /** The consistency proof between the trees of {@code oldSize} and {@code newSize} leaves of {@code tree}. */
    public static List<byte[]> consistencyProof(Subtrees tree, int oldSize, int newSize) {
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to " + newSize);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            subproof(tree, oldSize, 0, newSize, true, proof);
        }
        return proof;
    }

    private static void subproof(Subtrees tree, int m, int from, int to, boolean complete, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(tree.root(from, to));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(tree, m, from, from + k, complete, out);
            out.add(tree.root(from + k, to));
        } else {
            subproof(tree, m - k, from + k, to, false, out);
            out.add(tree.root(from, from + k));
        }
    }

    /** True when {@code proof} shows leaf {@code index} with {@code leafHash} in the tree of {@code size} and {@code root} (RFC 9162, 2.1.3.2). */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** True when {@code proof} shows that the tree ({@code oldSize}, {@code oldRoot}) is a prefix of ({@code newSize}, {@code newRoot}) (RFC 9162, 2.1.4.2). */
    public static boolean verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (oldSize < 0 || oldSize > newSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        if (oldSize == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(oldSize) == 1) {
            path.add(0, oldRoot);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
