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

    /**
     * {@code count} floats of {@code values} from {@code from}, each as {@link #putFloat} puts it, copied in bulk:
     * hashing a data set's features one call per value costs more than the digest itself.
     */
    Fingerprint putFloats(float[] values, int from, int count) {
        java.util.Objects.checkFromIndexSize(from, count, values.length);
        while (count > 0) {
            room(4);
            int n = Math.min(count, buf.remaining() / 4);
            int at = buf.position();
            // Raw bit patterns, big-endian (the buffer's order); NaNs are then made canonical as floatToIntBits does.
            buf.asFloatBuffer().put(values, from, n);
            for (int k = 0; k < n; k++) {
                float v = values[from + k];
                if (v != v) {
                    buf.putInt(at + 4 * k, Float.floatToIntBits(v));
                }
            }
            buf.position(at + 4 * n);
            from += n;
            count -= n;
        }
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
