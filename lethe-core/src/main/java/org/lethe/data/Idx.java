package org.lethe.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX format of the MNIST family: a magic number {@code 0x00 0x00 type rank}, {@code rank}
 * big-endian dimension sizes, then the data. Only unsigned bytes (type {@code 0x08}) are used by these data sets.
 * Streams may be gzip-compressed; compression is detected from the content, not the name.
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;

    /** A decoded IDX array: its dimensions and its bytes (unsigned values 0..255 in {@code data}). */
    public static final class Array {
        public final int[] dims;
        public final byte[] data;

        Array(int[] dims, byte[] data) {
            this.dims = dims;
            this.data = data;
        }

        /** Element {@code i} as an unsigned value. */
        public int unsigned(int i) {
            return data[i] & 0xFF;
        }
    }

    private Idx() {
    }

    /**
     * Reads an unsigned-byte IDX array. Errors name {@code source} and what is wrong: a bad magic number, an
     * unsupported type, or fewer data bytes than the dimensions promise.
     */
    public static Array read(InputStream raw, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        // A large inflater buffer: the default (512 bytes) costs a native call per 512 compressed bytes. The data is
        // read with one readFully, which BufferedInputStream passes straight through.
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
        DataInputStream data = new DataInputStream(in);
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IOException(source + ": empty or truncated IDX file (no header)");
        }
        if ((magic >>> 16) != 0) {
            throw new IOException(source + ": not an IDX file (magic number 0x" + Integer.toHexString(magic) + ")");
        }
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new IOException(source + ": IDX element type 0x" + Integer.toHexString(type) + " is not supported (only unsigned bytes)");
        }
        if (rank < 1 || rank > 4) {
            throw new IOException(source + ": IDX rank " + rank + " is not supported");
        }
        int[] dims = new int[rank];
        long total = 1;
        try {
            for (int i = 0; i < rank; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 0) {
                    throw new IOException(source + ": negative IDX dimension " + dims[i]);
                }
                total *= dims[i];
            }
        } catch (EOFException e) {
            throw new IOException(source + ": truncated IDX header");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": IDX array too large (" + total + " elements)");
        }
        byte[] bytes = new byte[(int) total];
        try {
            data.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException(source + ": truncated IDX data (expected " + total + " bytes for dimensions "
                    + java.util.Arrays.toString(dims) + ")");
        }
        return new Array(dims, bytes);
    }

    /** Reads an IDX file from the classpath. */
    public static Array readResource(String resource) throws IOException {
        InputStream in = Idx.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing bundled resource " + resource);
        }
        try (in) {
            return read(in, resource);
        }
    }

    /** Reads an IDX file from disk. */
    public static Array readFile(java.nio.file.Path path) throws IOException {
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file");
        }
        try (InputStream in = java.nio.file.Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }
}
