package org.lethe.data;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.io.AtomicFiles;
import org.lethe.tensor.Rng;

/**
 * Subject maps (example id to subject) for {@link Examples#withSubjects}: read from a CSV file, or generated for
 * demonstrations, where subjects are named {@code subject-0000}, {@code subject-0001}, ...
 */
public final class Subjects {
    /** The header of a subject CSV file. */
    public static final List<String> HEADER = List.of("example_id", "subject");

    private Subjects() {
    }

    /** The name of generated subject {@code k}: {@code subject-0000} and so on. */
    public static String name(int k) {
        // As String.format(Locale.ROOT, "subject-%04d", k), without the formatter: data sets name tens of thousands.
        if (k < 0) {
            return String.format(Locale.ROOT, "subject-%04d", k);
        }
        String digits = Integer.toString(k);
        StringBuilder b = new StringBuilder(8 + Math.max(4, digits.length())).append("subject-");
        for (int pad = 4 - digits.length(); pad > 0; pad--) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    /**
     * Reads a CSV with header {@code example_id,subject}. Every id must exist in {@code examples} and appear once;
     * errors name the file, the line and the offending ids.
     */
    public static Map<String, String> read(Path file, Examples examples) throws IOException {
        List<Csv.Row> rows = Csv.read(file);
        if (rows.isEmpty()) {
            throw new IOException(file + ": empty subject file (expected header " + String.join(",", HEADER) + ")");
        }
        if (!rows.get(0).cells.equals(HEADER)) {
            throw new IOException(file + ": line " + rows.get(0).line + ": header must be "
                    + String.join(",", HEADER) + ", got " + String.join(",", rows.get(0).cells));
        }
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String where = file + ": line " + row.line;
            if (row.cells.size() != 2) {
                throw new IOException(where + ": " + row.cells.size() + " fields, expected 2 (example_id,subject)");
            }
            String id = row.cells.get(0);
            String subject = row.cells.get(1);
            if (id.isEmpty() || subject.isEmpty()) {
                throw new IOException(where + ": empty " + (id.isEmpty() ? "example_id" : "subject"));
            }
            Integer first = lines.put(id, row.line);
            if (first != null) {
                throw new IOException(where + ": example id '" + id + "' already assigned on line " + first);
            }
            if (examples.indexOf(id) < 0) {
                unknown.add(id + " (line " + row.line + ")");
            }
            out.put(id, subject);
        }
        if (!unknown.isEmpty()) {
            throw new IOException(file + ": unknown example ids in " + examples.name() + ": " + IdIndex.list(unknown));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Writes {@code examples}' subjects (examples without one are left out) as a subject CSV, atomically. */
    public static void write(Path file, Examples examples) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", HEADER) + "\n");
            for (int i = 0; i < examples.size(); i++) {
                if (examples.subject(i) != null) {
                    w.write(quote(examples.id(i)) + "," + quote(examples.subject(i)) + "\n");
                }
            }
            w.flush();
        });
    }

    private static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || !s.equals(s.strip());
        return needs ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Subject {@code k} owns examples {@code k*perSubject .. (k+1)*perSubject - 1} (the last subject may own fewer). */
    public static Map<String, String> consecutive(Examples examples, int perSubject) {
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return chunk(examples, order, perSubject);
    }

    /** Subject {@code k} owns the {@code k}-th block of {@code perSubject} examples of a permutation seeded by {@code seed}. */
    public static Map<String, String> random(Examples examples, int perSubject, long seed) {
        return chunk(examples, new Rng(seed).permutation(examples.size()), perSubject);
    }

    private static Map<String, String> chunk(Examples examples, int[] order, int perSubject) {
        if (perSubject < 1) {
            throw new IllegalArgumentException("examples per subject must be at least 1, got " + perSubject);
        }
        Map<String, String> out = new LinkedHashMap<>(2 * order.length);
        String subject = null;
        for (int k = 0; k < order.length; k++) {
            if (k % perSubject == 0) {
                subject = name(k / perSubject);
            }
            out.put(examples.id(order[k]), subject);
        }
        return Collections.unmodifiableMap(out);
    }
}
