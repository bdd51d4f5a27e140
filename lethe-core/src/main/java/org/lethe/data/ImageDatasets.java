package org.lethe.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Image data sets with identity. Ids are {@code <name>-<index>} in file order: the bundled digits are
 * {@code digits-0 .. digits-9999}, Fashion-MNIST's training part is {@code fashion-mnist-0 ..} and its test part
 * {@code fashion-mnist-test-0 ..}.
 */
public final class ImageDatasets {
    private static final Pattern IMAGES = Pattern.compile("(.*)images[-.]idx3-ubyte(\\.gz)?");
    private static final Pattern LABELS = Pattern.compile("(.*)labels[-.]idx1-ubyte(\\.gz)?");

    private ImageDatasets() {
    }

    /** The 10,000 bundled MNIST digits, ids {@code digits-0 .. digits-9999}. */
    public static Dataset digits() throws IOException {
        return fromImageSetOwned(ImageSet.bundledDigits(), "digits");
    }

    /** True when Fashion-MNIST is installed under {@link ImageSet#FASHION_MNIST_DIR}. */
    public static boolean fashionMnistInstalled() {
        return ImageSet.fashionMnistInstalled();
    }

    /** Fashion-MNIST's training part ({@code fashion-mnist}) or test part ({@code fashion-mnist-test}). */
    public static Dataset fashionMnist(boolean train) throws IOException {
        if (!fashionMnistInstalled()) {
            throw new IOException("fashion-mnist is not installed (expected its IDX files under "
                    + ImageSet.FASHION_MNIST_DIR + ")");
        }
        return fromImageSetOwned(ImageSet.fashionMnist(train), train ? "fashion-mnist" : "fashion-mnist-test");
    }

    /** An image and a label IDX file; ids are {@code <name>-<index>}. */
    public static Dataset fromFiles(String name, Path images, Path labels) throws IOException {
        return fromImageSetOwned(ImageSet.fromFiles(name, images, labels), name);
    }

    /** A copy of an {@link ImageSet}, ids {@code <set.name>-<index>}. */
    public static Dataset fromImageSet(ImageSet set) {
        return new Dataset(set.name, set.pixels.clone(), set.features(), set.labels.clone(),
                Dataset.sequentialIds(set.name, set.size()), null, new int[] {set.rows, set.cols});
    }

    // The set was just loaded and is not shared, so its arrays can be taken over without copying.
    private static Dataset fromImageSetOwned(ImageSet set, String name) {
        return new Dataset(name, set.pixels, set.features(), set.labels, Dataset.sequentialIds(name, set.size()), null,
                new int[] {set.rows, set.cols});
    }

    /**
     * The IDX pair in {@code folder}: files named like {@code <prefix>images-idx3-ubyte[.gz]} and
     * {@code <prefix>labels-idx1-ubyte[.gz]}. With several pairs the {@code train} pair is taken; otherwise the
     * choice must be made with {@link #idxFolder(Path, String)}. The name is the folder's name, followed by the
     * prefix when there is one ({@code fashion-mnist-train}).
     */
    public static Dataset idxFolder(Path folder) throws IOException {
        Map<String, Path[]> pairs = idxPairs(folder);
        if (pairs.size() == 1) {
            return idxFolder(folder, pairs.keySet().iterator().next());
        }
        for (String prefix : pairs.keySet()) {
            if (trimPrefix(prefix).equals("train")) {
                return idxFolder(folder, prefix);
            }
        }
        throw new IOException(folder + ": several IDX pairs and none is 'train'; choose one of " + pairs.keySet());
    }

    /** The IDX pair with file-name prefix {@code prefix} (for example {@code "t10k-"}) in {@code folder}. */
    public static Dataset idxFolder(Path folder, String prefix) throws IOException {
        Map<String, Path[]> pairs = idxPairs(folder);
        Path[] pair = pairs.get(prefix);
        if (pair == null) {
            throw new IOException(folder + ": no IDX pair with prefix '" + prefix + "' (found " + pairs.keySet() + ")");
        }
        String base = folder.toAbsolutePath().normalize().getFileName() == null ? "idx"
                : folder.toAbsolutePath().normalize().getFileName().toString();
        String name = trimPrefix(prefix).isEmpty() ? base : base + "-" + trimPrefix(prefix);
        return fromFiles(name, pair[0], pair[1]);
    }

    private static String trimPrefix(String prefix) {
        return prefix.replaceAll("[-_.]+$", "");
    }

    /** Image/label files in {@code folder} paired by prefix, sorted by prefix. */
    static Map<String, Path[]> idxPairs(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder");
        }
        Map<String, Path> images = new TreeMap<>();
        Map<String, Path> labels = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
            String fileName = f.getFileName().toString();
            Matcher im = IMAGES.matcher(fileName);
            Matcher lm = LABELS.matcher(fileName);
            if (im.matches()) {
                putOnce(images, im.group(1), f, folder);
            } else if (lm.matches()) {
                putOnce(labels, lm.group(1), f, folder);
            }
        }
        Map<String, Path[]> pairs = new TreeMap<>();
        for (Map.Entry<String, Path> e : images.entrySet()) {
            Path l = labels.get(e.getKey());
            if (l != null) {
                pairs.put(e.getKey(), new Path[] {e.getValue(), l});
            }
        }
        if (pairs.isEmpty()) {
            throw new IOException(folder + ": no IDX image/label pair (expected files like train-images-idx3-ubyte.gz"
                    + " and train-labels-idx1-ubyte.gz; found images " + fileNames(images) + ", labels " + fileNames(labels) + ")");
        }
        return pairs;
    }

    private static List<String> fileNames(Map<String, Path> files) {
        List<String> out = new ArrayList<>();
        for (Path p : files.values()) {
            out.add(p.getFileName().toString());
        }
        return out;
    }

    private static void putOnce(Map<String, Path> map, String prefix, Path file, Path folder) throws IOException {
        Path previous = map.put(prefix, file);
        if (previous != null) {
            throw new IOException(folder + ": both " + previous.getFileName() + " and " + file.getFileName()
                    + " match the same IDX role; keep one");
        }
    }
}
