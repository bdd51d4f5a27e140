package org.lethe.nn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.DoubleStorage;
import org.lethe.tensor.FloatStorage;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Storage;

/**
 * SHA-256 of a model's parameters: names, shapes and the raw bits of every stored number. Two models hash
 * equal exactly when they are bit-identical, which is what exact deletion and determinism checks compare.
 */
public final class ParameterHash {
    private ParameterHash() {
    }

    /** Lower-case hex SHA-256 over all parameters in name order of registration. */
    public static String of(Module model) {
        Map<String, NDArray> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            values.put(e.getKey(), e.getValue().value());
        }
        return of(values);
    }

    /** The same hash over parameter values given by name, in the map's order (a copy of a model's parameters). */
    public static String of(Map<String, NDArray> namedValues) {
        MessageDigest md = sha256();
        for (Map.Entry<String, NDArray> e : namedValues.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            update(md, e.getValue());
        }
        return hex(md.digest());
    }

    /** Hash of one array's shape and raw element bits. */
    public static String of(NDArray a) {
        MessageDigest md = sha256();
        update(md, a);
        return hex(md.digest());
    }

    private static void update(MessageDigest md, NDArray a) {
        ByteBuffer header = ByteBuffer.allocate(4 * (a.rank() + 1));
        header.putInt(a.rank());
        for (int d : a.shape()) {
            header.putInt(d);
        }
        md.update(header.array());
        Storage s = a.storage();
        int off = a.offset();
        int n = a.size();
        if (s instanceof FloatStorage) {
            float[] f = ((FloatStorage) s).data;
            ByteBuffer buf = ByteBuffer.allocate(4 * n);
            for (int i = 0; i < n; i++) {
                buf.putInt(Float.floatToRawIntBits(f[off + i]));
            }
            md.update(buf.array());
        } else if (s instanceof DoubleStorage) {
            for (double[] plane : ((DoubleStorage) s).planes) {
                ByteBuffer buf = ByteBuffer.allocate(8 * n);
                for (int i = 0; i < n; i++) {
                    buf.putLong(Double.doubleToRawLongBits(plane[off + i]));
                }
                md.update(buf.array());
            }
        } else {
            throw new IllegalArgumentException("cannot hash storage " + s.getClass().getSimpleName());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
