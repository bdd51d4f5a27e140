package org.lethe.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an {@code --ids} option names, the same in every command: a comma-separated list of example ids, or the
 * path of a file with one id per line. The rule: a value naming an existing file is read as that file; a value
 * that looks like a path (it contains a slash or ends in {@code .txt} or {@code .csv}) but names no file is an
 * error; anything else is a list.
 */
public final class Ids {
    /** The help text of every {@code --ids} option, after what the ids are for. */
    public static final String HELP = "a comma-separated list of example ids, or the path of a file with one id per "
            + "line (a value naming an existing file is read as that file)";

    private Ids() {
    }

    /** The ids {@code value} names, in order; see the class comment for how a list and a file are told apart. */
    public static List<String> parse(String value) throws IOException {
        if (isFile(value)) {
            return read(Path.of(value));
        }
        if (looksLikePath(value)) {
            throw new NoSuchFileException(value + ": no such file");
        }
        List<String> ids = new ArrayList<>();
        for (String id : value.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("--ids '" + value + "' names no example ids");
        }
        return ids;
    }

    /** The ids of every value, in order (for an option given more than once). */
    public static List<String> parse(List<String> values) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String v : values) {
            ids.addAll(parse(v));
        }
        return ids;
    }

    /** True when {@code value} names an existing file, so {@link #parse} reads it as one. */
    public static boolean isFile(String value) {
        try {
            return Files.isRegularFile(Path.of(value));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static boolean looksLikePath(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return value.contains("/") || value.contains(java.io.File.separator) || lower.endsWith(".txt")
                || lower.endsWith(".csv");
    }

    /** The ids in {@code file}, skipping blank lines and an {@code example_id}/{@code id} header. */
    public static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String id = line.split(",", 2)[0].trim();
            if (!id.isEmpty() && !id.equals("example_id") && !id.equals("id")) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            throw new IOException(file + ": no example ids in file");
        }
        return ids;
    }
}
