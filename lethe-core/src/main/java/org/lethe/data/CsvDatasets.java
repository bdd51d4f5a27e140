package org.lethe.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Labelled data sets from CSV files with a header row: one label column (a non-negative integer), optional id and
 * subject columns, and numeric feature columns (see {@link CsvOptions}). Errors name the file, the line and the
 * column: a missing column, a ragged row, an empty or non-numeric cell, a bad label, a duplicate id, no data rows.
 */
public final class CsvDatasets {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("\\+?\\d+");

    private CsvDatasets() {
    }

    /** Reads {@code file} with the default options. */
    public static Dataset read(Path file) throws IOException {
        return read(file, CsvOptions.defaults());
    }

    /** Reads {@code file}. */
    public static Dataset read(Path file, CsvOptions options) throws IOException {
        List<Csv.Row> rows = Csv.read(file);
        if (rows.isEmpty()) {
            throw new IOException(file + ": empty CSV file (no header)");
        }
        List<String> header = rows.get(0).cells;
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String col = header.get(c);
            if (col.isEmpty()) {
                throw new IOException(file + ": line " + rows.get(0).line + ": header column " + (c + 1) + " has no name");
            }
            if (columns.put(col, c) != null) {
                throw new IOException(file + ": line " + rows.get(0).line + ": duplicate header column '" + col + "'");
            }
        }
        int labelCol = column(columns, options.labelColumn(), true, file, header);
        int idCol = options.idColumn() != null ? column(columns, options.idColumn(), true, file, header)
                : columns.containsKey("id") ? columns.get("id") : column(columns, "example_id", false, file, header);
        int subjectCol = column(columns, options.subjectColumn() != null ? options.subjectColumn() : "subject",
                options.subjectColumn() != null, file, header);
        int[] featureCols = new int[header.size()];
        int f = 0;
        for (int c = 0; c < header.size(); c++) {
            if (c != labelCol && c != idCol && c != subjectCol) {
                featureCols[f++] = c;
            }
        }
        int n = rows.size() - 1;
        if (n == 0) {
            throw new IOException(file + ": CSV has a header but no data rows");
        }
        String name = options.name() != null ? options.name() : stem(file);
        float[] features = new float[Math.multiplyExact(n, f)];
        int[] labels = new int[n];
        String[] ids = idCol < 0 ? Dataset.sequentialIds(name, n) : new String[n];
        String[] subjects = subjectCol < 0 ? null : new String[n];
        Map<String, Integer> idLines = new HashMap<>();
        for (int r = 0; r < n; r++) {
            Csv.Row row = rows.get(r + 1);
            String where = file + ": line " + row.line;
            if (row.cells.size() != header.size()) {
                throw new IOException(where + ": " + row.cells.size() + " fields, but the header has " + header.size());
            }
            labels[r] = label(row.cells.get(labelCol), where, header.get(labelCol));
            if (idCol >= 0) {
                String id = row.cells.get(idCol);
                if (id.isEmpty()) {
                    throw new IOException(where + ": empty id in column '" + header.get(idCol) + "'");
                }
                Integer first = idLines.put(id, row.line);
                if (first != null) {
                    throw new IOException(where + ": duplicate id '" + id + "' (first on line " + first + ")");
                }
                ids[r] = id;
            }
            if (subjectCol >= 0) {
                String s = row.cells.get(subjectCol);
                subjects[r] = s.isEmpty() ? null : s;
            }
            for (int k = 0; k < f; k++) {
                int c = featureCols[k];
                features[r * f + k] = number(row.cells.get(c), where, header.get(c));
            }
        }
        return new Dataset(name, features, f, labels, ids, subjects, null);
    }

    private static int column(Map<String, Integer> columns, String name, boolean required, Path file, List<String> header)
            throws IOException {
        Integer c = columns.get(name);
        if (c == null && required) {
            throw new IOException(file + ": no column '" + name + "' in header " + header);
        }
        return c == null ? -1 : c;
    }

    private static int label(String cell, String where, String column) throws IOException {
        if (!INTEGER.matcher(cell).matches()) {
            throw new IOException(where + ": label '" + cell + "' in column '" + column + "' is not a non-negative integer");
        }
        try {
            return Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": label '" + cell + "' in column '" + column + "' is too large");
        }
    }

    private static float number(String cell, String where, String column) throws IOException {
        if (cell.isEmpty()) {
            throw new IOException(where + ": empty cell in column '" + column + "'");
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new IOException(where + ": non-numeric value '" + cell + "' in column '" + column + "'");
        }
        float v = Float.parseFloat(cell);
        if (!Float.isFinite(v)) {
            throw new IOException(where + ": value '" + cell + "' in column '" + column + "' overflows a float");
        }
        return v;
    }

    static String stem(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
