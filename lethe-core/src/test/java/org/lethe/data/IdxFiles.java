package org.lethe.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, byte by byte per the format. */
final class IdxFiles {
    private IdxFiles() {
    }

    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** {@code n} images of {@code rows x cols} with pixel {@code (i + p) % 256}, labels {@code i % 10}. */
    static void writePair(Path folder, String prefix, int n, int rows, int cols, boolean compress) throws IOException {
        byte[] px = new byte[n * rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i % 256);
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        String ext = compress ? ".gz" : "";
        byte[] images = idx(new int[] {n, rows, cols}, px);
        byte[] lab = idx(new int[] {n}, labels);
        Files.createDirectories(folder);
        Files.write(folder.resolve(prefix + "images-idx3-ubyte" + ext), compress ? gzip(images) : images);
        Files.write(folder.resolve(prefix + "labels-idx1-ubyte" + ext), compress ? gzip(lab) : lab);
    }
}
