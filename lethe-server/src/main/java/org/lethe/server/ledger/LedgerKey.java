package org.lethe.server.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.lethe.io.AtomicFiles;

/**
 * The ledger's Ed25519 signing key (the JDK's own implementation). The private key is kept as PKCS#8 in the data
 * directory; the public key travels as its raw 32 bytes, base64, which is what signed-note verifiers expect.
 */
public final class LedgerKey {
    /** The private key's file in the data directory. */
    public static final String FILE = "ledger-key.txt";
    // An X.509 SubjectPublicKeyInfo for Ed25519 is this fixed 12-byte prefix followed by the raw key.
    private static final byte[] X509_PREFIX = Hex.parse("302a300506032b6570032100");

    private final PrivateKey privateKey;
    private final byte[] rawPublic;

    private LedgerKey(PrivateKey privateKey, byte[] rawPublic) {
        this.privateKey = privateKey;
        this.rawPublic = rawPublic;
    }

    /** Loads the key from {@code dataDir}, making and saving a new one on first use. */
    public static LedgerKey loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (Files.isRegularFile(file)) {
                // Two lines: base64 PKCS#8 private key, base64 raw public key (the JDK cannot derive one from the other).
                String[] lines = Files.readString(file).trim().split("\n");
                if (lines.length != 2) {
                    throw new IOException(file + ": expected two lines (private key, public key)");
                }
                PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0].trim())));
                return new LedgerKey(priv, Base64.getDecoder().decode(lines[1].trim()));
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dataDir);
            byte[] rawPublic = raw(pair.getPublic());
            String text = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(rawPublic) + "\n";
            AtomicFiles.write(file, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new LedgerKey(pair.getPrivate(), rawPublic);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not an Ed25519 key file (" + e.getMessage() + ")", e);
        }
    }

    /** The raw 32-byte public key of an Ed25519 {@link PublicKey}. */
    public static byte[] raw(PublicKey key) {
        byte[] enc = key.getEncoded();
        return Arrays.copyOfRange(enc, enc.length - 32, enc.length);
    }

    /** The JDK public key for 32 raw bytes. */
    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] enc = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, enc, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, enc, X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The raw public key. */
    public byte[] publicKey() {
        return rawPublic.clone();
    }

    /** The public key as base64 of its raw bytes. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(rawPublic);
    }

    /** An Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by {@code rawPublicKey}. */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey(rawPublicKey));
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
