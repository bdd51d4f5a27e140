package org.lethe.server.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A checkpoint in the C2SP signed-note format (c2sp.org/signed-note, c2sp.org/tlog-checkpoint): the body is three
 * lines, origin, tree size and base64 root hash, each ending in a newline; a blank line follows, then one signature
 * line {@code — <name> <base64(key id || signature)>} where the key id is the first 4 bytes of
 * SHA-256(name || 0x0A || 0x01 || public key) and the Ed25519 signature covers the body bytes.
 *
 * @param origin the log's name, also the signer's name
 * @param size   the tree size
 * @param root   the root hash
 * @param text   the whole note, as signed and served
 */
public record SignedNote(String origin, long size, byte[] root, String text) {
    private static final String DASH = "\u2014 ";

    /** Signs the checkpoint ({@code origin}, {@code size}, {@code root}) with {@code key}. */
    public static SignedNote sign(String origin, long size, byte[] root, LedgerKey key) {
        String body = body(origin, size, root);
        byte[] sig = key.sign(body.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + sig.length];
        System.arraycopy(keyId(origin, key.publicKey()), 0, blob, 0, 4);
        System.arraycopy(sig, 0, blob, 4, sig.length);
        String text = body + "\n" + DASH + origin + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        return new SignedNote(origin, size, root.clone(), text);
    }

    private static String body(String origin, long size, byte[] root) {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** The signed-note key id of an Ed25519 key: SHA-256(name || 0x0A || 0x01 || key)[0:4]. */
    public static byte[] keyId(String name, byte[] rawPublicKey) {
        MessageDigest d = MerkleTree.sha256();
        d.update(name.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0x0A);
        d.update((byte) 0x01);
        d.update(rawPublicKey);
        return Arrays.copyOf(d.digest(), 4);
    }

    /**
     * Parses a note and checks its signature by {@code rawPublicKey}; throws {@link IllegalArgumentException} saying
     * what is wrong when the text is malformed or no signature line by that key verifies.
     */
    public static SignedNote verify(String text, byte[] rawPublicKey) {
        int split = text.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("checkpoint: no blank line between body and signatures");
        }
        String body = text.substring(0, split + 1);
        String[] lines = body.split("\n");
        if (lines.length < 3) {
            throw new IllegalArgumentException("checkpoint: the body needs origin, size and root lines");
        }
        String origin = lines[0];
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint: malformed size or root line");
        }
        if (size < 0 || root.length != 32) {
            throw new IllegalArgumentException("checkpoint: size must be non-negative and the root 32 bytes");
        }
        for (String line : text.substring(split + 2).split("\n")) {
            if (!line.startsWith(DASH)) {
                continue;
            }
            String[] parts = line.substring(DASH.length()).split(" ");
            if (parts.length != 2) {
                continue;
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (blob.length == 68 && Arrays.equals(Arrays.copyOf(blob, 4), keyId(parts[0], rawPublicKey))
                    && LedgerKey.verify(rawPublicKey, body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, 68))) {
                return new SignedNote(origin, size, root, text);
            }
        }
        throw new IllegalArgumentException("checkpoint: no valid signature by the given public key");
    }
}
