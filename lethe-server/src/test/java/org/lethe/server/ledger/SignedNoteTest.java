package org.lethe.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedNoteTest {
    @Test
    void aCheckpointIsASignedNoteThatVerifiesWithTheRawKeyOnly(@TempDir Path tmp) throws Exception {
        LedgerKey key = LedgerKey.loadOrCreate(tmp);
        assertThat(LedgerKey.loadOrCreate(tmp).publicKey()).isEqualTo(key.publicKey());
        byte[] root = MerkleTree.leafHash("x".getBytes(StandardCharsets.UTF_8));
        SignedNote note = SignedNote.sign("example.org/log", 5, root, key);
        String[] lines = note.text().split("\n");
        assertThat(lines[0]).isEqualTo("example.org/log");
        assertThat(lines[1]).isEqualTo("5");
        assertThat(Base64.getDecoder().decode(lines[2])).isEqualTo(root);
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 example.org/log ");
        byte[] blob = Base64.getDecoder().decode(lines[4].substring(lines[4].lastIndexOf(' ') + 1));
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update("example.org/log\n".getBytes(StandardCharsets.UTF_8));
        d.update((byte) 1);
        d.update(key.publicKey());
        assertThat(Arrays.copyOf(blob, 4)).isEqualTo(Arrays.copyOf(d.digest(), 4));

        SignedNote parsed = SignedNote.verify(note.text(), key.publicKey());
        assertThat(parsed.size()).isEqualTo(5);
        assertThat(parsed.root()).isEqualTo(root);
        assertThatThrownBy(() -> SignedNote.verify(note.text().replace("\n5\n", "\n6\n"), key.publicKey()))
                .hasMessageContaining("no valid signature");
        LedgerKey other = LedgerKey.loadOrCreate(tmp.resolve("other"));
        assertThatThrownBy(() -> SignedNote.verify(note.text(), other.publicKey())).hasMessageContaining("no valid signature");
    }
}
