package org.lethe.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Images and labels as dense arrays: pixels scaled to [0, 1] as floats, {@code [count, rows * cols]} row-major.
 * Loads the bundled MNIST digits, Fashion-MNIST when installed, or any MNIST-format IDX pair.
 */
public final class ImageSet {
    /** Where Debian's {@code dataset-fashion-mnist} package installs its files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String BUNDLED = "/org/lethe/data/";

    public final String name;
    public final float[] pixels;
    public final int[] labels;
    public final int rows;
    public final int cols;

    public ImageSet(String name, float[] pixels, int[] labels, int rows, int cols) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + pixels.length + " pixels");
        }
    }

    public int size() {
        return labels.length;
    }

    public int features() {
        return rows * cols;
    }

    /** The 10,000 bundled MNIST digits. */
    public static ImageSet bundledDigits() throws IOException {
        return fromIdx("digits", Idx.readResource(BUNDLED + "images-idx3-ubyte.gz"), BUNDLED + "images-idx3-ubyte.gz",
                Idx.readResource(BUNDLED + "labels-idx1-ubyte.gz"), BUNDLED + "labels-idx1-ubyte.gz");
    }

    /** True when Fashion-MNIST's four files are installed. */
    public static boolean fashionMnistInstalled() {
        return Files.isRegularFile(FASHION_MNIST_DIR.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(FASHION_MNIST_DIR.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    /** Fashion-MNIST's training ({@code train}) or test ({@code t10k}) part. */
    public static ImageSet fashionMnist(boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        return fromFiles("fashion-mnist-" + (train ? "train" : "test"),
                FASHION_MNIST_DIR.resolve(prefix + "-images-idx3-ubyte.gz"),
                FASHION_MNIST_DIR.resolve(prefix + "-labels-idx1-ubyte.gz"));
    }

    /** Any MNIST-format pair of image and label IDX files. */
    public static ImageSet fromFiles(String name, Path images, Path labels) throws IOException {
        return fromIdx(name, Idx.readFile(images), images.toString(), Idx.readFile(labels), labels.toString());
    }

    static ImageSet fromIdx(String name, Idx.Array images, String imageSource, Idx.Array labels, String labelSource)
            throws IOException {
        if (images.dims.length != 3) {
            throw new IOException(imageSource + ": expected a rank-3 image array, got rank " + images.dims.length);
        }
        if (labels.dims.length != 1) {
            throw new IOException(labelSource + ": expected a rank-1 label array, got rank " + labels.dims.length);
        }
        if (images.dims[0] != labels.dims[0]) {
            throw new IOException(imageSource + " has " + images.dims[0] + " images but " + labelSource + " has "
                    + labels.dims[0] + " labels");
        }
        int n = images.dims[0];
        // A table of the 256 values: the same floats as dividing each byte, without a division per pixel.
        float[] scaled = new float[256];
        for (int v = 0; v < 256; v++) {
            scaled[v] = v / 255.0f;
        }
        byte[] bytes = images.data;
        float[] px = new float[bytes.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = scaled[bytes[i] & 0xFF];
        }
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = labels.unsigned(i);
        }
        return new ImageSet(name, px, lab, images.dims[1], images.dims[2]);
    }

    /**
     * The pixels of examples {@code order[from], ..., order[from + count - 1]}, row after row, in a new array: a
     * training batch. Rows of a shuffled order are scattered through memory, so large batches are gathered on
     * every core.
     */
    public float[] pixelRows(int[] order, int from, int count) {
        java.util.Objects.checkFromIndexSize(from, count, order.length);
        int f = features();
        return RowGather.gather(pixels, f, count, i -> java.util.Objects.checkIndex(order[from + i], labels.length) * f);
    }

    /** Examples {@code [from, to)} as a new set. */
    public ImageSet range(int from, int to) {
        int f = features();
        return new ImageSet(name, java.util.Arrays.copyOfRange(pixels, from * f, to * f),
                java.util.Arrays.copyOfRange(labels, from, to), rows, cols);
    }

    /** The examples {@code [0, count)} repeated cyclically to {@code total} examples. */
    public ImageSet repeatFirst(int count, int total) {
        int f = features();
        float[] px = new float[total * f];
        int[] lab = new int[total];
        for (int i = 0; i < total; i++) {
            int src = i % count;
            System.arraycopy(pixels, src * f, px, i * f, f);
            lab[i] = labels[src];
        }
        return new ImageSet(name, px, lab, rows, cols);
    }
}
