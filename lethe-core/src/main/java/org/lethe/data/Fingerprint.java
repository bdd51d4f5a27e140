package org.lethe.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A SHA-256 digest fed with big-endian integers, floats and length-prefixed UTF-8 strings. */
final class Fingerprint {
    private final MessageDigest digest;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 14);

    Fingerprint(String domain) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        byte[] tag = (domain + "\n").getBytes(StandardCharsets.US_ASCII);
        digest.update(tag);
    }

    private void room(int bytes) {
        if (buf.remaining() < bytes) {
            flush();
        }
    }

    private void flush() {
        digest.update(buf.array(), 0, buf.position());
        buf.clear();
    }

    Fingerprint putInt(int v) {
        room(4);
        buf.putInt(v);
        return this;
    }

    /** The IEEE-754 bit pattern; {@link Float#floatToIntBits} makes every NaN hash alike. */
    Fingerprint putFloat(float v) {
        room(4);
        buf.putInt(Float.floatToIntBits(v));
        return this;
    }

    /** The int32 byte length of the UTF-8 encoding, then the bytes. */
    Fingerprint putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        flush();
        digest.update(b);
        return this;
    }

    /** Lowercase hex of the digest. */
    String hex() {
        flush();
        StringBuilder sb = new StringBuilder(64);
        for (byte b : digest.digest()) {
            sb.append(Character.forDigit((b >>> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
