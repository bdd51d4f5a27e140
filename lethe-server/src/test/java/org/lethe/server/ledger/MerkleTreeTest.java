package org.lethe.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerkleTree.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static byte[] h(byte[] l, byte[] r) {
        return MerkleTree.nodeHash(l, r);
    }

    @Test
    void hashesFollowRfc9162() throws Exception {
        // SHA-256 of the empty string, and of 0x00 || "" (the empty leaf), from the standard test values.
        assertThat(Hex.of(MerkleTree.emptyRoot())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hex.of(MerkleTree.leafHash(new byte[0]))).isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        byte[] manual = java.security.MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        byte[] viaNode = MerkleTree.nodeHash(new byte[] {2}, new byte[] {3});
        assertThat(viaNode).isEqualTo(manual);
    }

    @Test
    void rootsAndProofsOfSmallTreesMatchHandComputation() {
        List<byte[]> l = leaves(7);
        byte[] n01 = h(l.get(0), l.get(1));
        byte[] n23 = h(l.get(2), l.get(3));
        byte[] n45 = h(l.get(4), l.get(5));
        byte[] n0123 = h(n01, n23);
        assertThat(MerkleTree.root(l, 1)).isEqualTo(l.get(0));
        assertThat(MerkleTree.root(l, 3)).isEqualTo(h(n01, l.get(2)));
        assertThat(MerkleTree.root(l, 4)).isEqualTo(n0123);
        byte[] root7 = h(n0123, h(n45, l.get(6)));
        assertThat(MerkleTree.root(l, 7)).isEqualTo(root7);

        // Inclusion of leaf 2 in a tree of 3: its sibling subtree, the node over leaves 0 and 1.
        assertThat(MerkleTree.inclusionProof(l, 2, 3)).containsExactly(n01);
        assertThat(MerkleTree.inclusionProof(l, 0, 3)).containsExactly(l.get(1), l.get(2));
        // Leaf 6 of 7: its subtree sibling (4, 5), then the left half (0..3).
        assertThat(MerkleTree.inclusionProof(l, 6, 7)).containsExactly(n45, n0123);
        assertThat(MerkleTree.inclusionProof(l, 4, 7)).containsExactly(l.get(5), l.get(6), n0123);

        // Consistency 2 -> 3: leaf 2 alone (the old tree is a complete left subtree).
        assertThat(MerkleTree.consistencyProof(l, 2, 3)).containsExactly(l.get(2));
        // Consistency 3 -> 4: leaf 2, leaf 3, then the node over 0 and 1.
        assertThat(MerkleTree.consistencyProof(l, 3, 4)).containsExactly(l.get(2), l.get(3), n01);
        // Consistency 4 -> 7: the right half's root.
        assertThat(MerkleTree.consistencyProof(l, 4, 7)).containsExactly(h(n45, l.get(6)));
    }

    @Test
    void everyProofOfTreesUpToSeventeenVerifiesAndTamperedOnesDoNot() {
        List<byte[]> l = leaves(17);
        for (int n = 1; n <= 17; n++) {
            byte[] root = MerkleTree.root(l, n);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = MerkleTree.inclusionProof(l, i, n);
                assertThat(MerkleTree.verifyInclusion(l.get(i), i, n, proof, root)).as("leaf %d of %d", i, n).isTrue();
                assertThat(MerkleTree.verifyInclusion(l.get((i + 1) % 17), i, n, proof, root)).isFalse();
                if ((i ^ 1) < n) {
                    assertThat(MerkleTree.verifyInclusion(l.get(i), i ^ 1, n, proof, root)).isFalse();
                }
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = MerkleTree.consistencyProof(l, m, n);
                byte[] old = MerkleTree.root(l, m);
                assertThat(MerkleTree.verifyConsistency(m, n, old, root, proof)).as("%d -> %d", m, n).isTrue();
                if (m < n) {
                    assertThat(MerkleTree.verifyConsistency(m, n, MerkleTree.leafHash(new byte[] {9}), root, proof)).isFalse();
                    List<byte[]> changed = new ArrayList<>(proof);
                    changed.set(0, MerkleTree.leafHash(new byte[] {7, 7}));
                    assertThat(MerkleTree.verifyConsistency(m, n, old, root, changed)).isFalse();
                }
            }
        }
    }

    @Test
    void theCompactRangeGivesTheSameRootAsTheRecursion() {
        List<byte[]> l = leaves(33);
        CompactRange range = new CompactRange();
        assertThat(range.root()).isEqualTo(MerkleTree.emptyRoot());
        for (int n = 1; n <= 33; n++) {
            range.append(l.get(n - 1));
            assertThat(range.root()).as("size %d", n).isEqualTo(MerkleTree.root(l, n));
        }
    }

    @Test
    void theHashTreeGivesTheSameRootsAndProofsAsTheRecursion() {
        List<byte[]> l = leaves(70);
        HashTree tree = new HashTree();
        assertThat(tree.root(0)).isEqualTo(MerkleTree.emptyRoot());
        for (int n = 1; n <= 70; n++) {
            tree.append(l.get(n - 1));
            assertThat(tree.size()).isEqualTo(n);
            for (int m = 1; m <= n; m++) {
                assertThat(tree.root(m)).as("root of %d after %d", m, n).isEqualTo(MerkleTree.root(l, m));
                assertThat(tree.inclusionProof(m - 1, n)).as("leaf %d of %d", m - 1, n)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(l, m - 1, n));
                assertThat(tree.consistencyProof(m, n)).as("%d -> %d", m, n)
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(l, m, n));
            }
        }
        assertThatThrownBy(() -> tree.inclusionProof(3, 71)).isInstanceOf(IllegalArgumentException.class);
    }
}
