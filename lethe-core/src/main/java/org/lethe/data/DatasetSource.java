package org.lethe.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Resolves one data specification (what a {@code --data} option holds) to examples. Known names:
 * {@code digits} (the bundled MNIST digits), {@code fashion-mnist} and {@code fashion-mnist-test} (when installed),
 * {@code names} (the bundled names corpus). Anything else is a path: a folder holding an MNIST-format IDX pair,
 * a {@code .csv} file ({@link CsvDatasets} defaults), or a {@code .txt} corpus with one document per line.
 */
public final class DatasetSource {
    /** The names that are not paths. */
    public static final List<String> KNOWN_NAMES = List.of("digits", "fashion-mnist", "fashion-mnist-test", "names");

    private DatasetSource() {
    }

    /** The feature data set or text corpus {@code spec} names. */
    public static Examples load(String spec) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no data given (use one of " + KNOWN_NAMES + " or a path)");
        }
        switch (spec) {
            case "digits": return ImageDatasets.digits();
            case "fashion-mnist": return ImageDatasets.fashionMnist(true);
            case "fashion-mnist-test": return ImageDatasets.fashionMnist(false);
            case "names": return TextCorpus.names();
            default: return loadPath(Path.of(spec), spec);
        }
    }

    /** As {@link #load}, requiring a feature data set. */
    public static Dataset loadDataset(String spec) throws IOException {
        Examples e = load(spec);
        if (!(e instanceof Dataset)) {
            throw new IllegalArgumentException(spec + " is a text corpus, not a labelled feature data set");
        }
        return (Dataset) e;
    }

    /** As {@link #load}, requiring a text corpus. */
    public static TextCorpus loadCorpus(String spec) throws IOException {
        Examples e = load(spec);
        if (!(e instanceof TextCorpus)) {
            throw new IllegalArgumentException(spec + " is a labelled feature data set, not a text corpus");
        }
        return (TextCorpus) e;
    }

    private static Examples loadPath(Path path, String spec) throws IOException {
        if (Files.isDirectory(path)) {
            return ImageDatasets.idxFolder(path);
        }
        if (!Files.exists(path)) {
            throw new IOException("no such data set or file: " + spec + " (known names: " + String.join(", ", KNOWN_NAMES) + ")");
        }
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return CsvDatasets.read(path);
        }
        if (lower.endsWith(".txt")) {
            return TextCorpus.read(path);
        }
        throw new IOException(spec + ": unsupported data file type (expected a folder of IDX files, a .csv or a .txt file)");
    }
}
