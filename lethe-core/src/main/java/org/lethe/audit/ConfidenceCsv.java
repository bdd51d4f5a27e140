package org.lethe.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a matrix of confidences from CSV: one row per model, one column per forget example, no header, comma
 * separated, surrounding whitespace ignored, blank lines skipped. Every problem is reported as one line naming the
 * file, the line and what is wrong.
 */
public final class ConfidenceCsv {
    private ConfidenceCsv() {
    }

    /** The rows of {@code file}, all of the same length and every value a finite number. */
    public static double[][] read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        List<double[]> rows = new ArrayList<>();
        int firstLine = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                double[] row = parseRow(line, file, lineNo);
                if (rows.isEmpty()) {
                    firstLine = lineNo;
                } else if (row.length != rows.get(0).length) {
                    throw new IOException(file + ": line " + lineNo + ": " + row.length + " values, but line "
                            + firstLine + " has " + rows.get(0).length + " (every row needs one value per example)");
                }
                rows.add(row);
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8 text");
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no rows (expected one row of confidences per model)");
        }
        return rows.toArray(new double[0][]);
    }

    private static double[] parseRow(String line, Path file, int lineNo) throws IOException {
        String[] cells = line.split(",", -1);
        double[] row = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].strip();
            String where = file + ": line " + lineNo + ", column " + (c + 1) + ": ";
            if (cell.isEmpty()) {
                throw new IOException(where + "empty value");
            }
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new IOException(where + "not a number: '" + cell + "'");
            }
            // Java also accepts hexadecimal and suffixed forms ("1d"); a confidence file should not contain them.
            if (!Double.isFinite(v) || !looksDecimal(cell)) {
                throw new IOException(where + (Double.isFinite(v) ? "not a number: '" : "not a finite number: '")
                        + cell + "'");
            }
            row[c] = v;
        }
        return row;
    }

    private static boolean looksDecimal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9') && ch != '.' && ch != '-' && ch != '+' && ch != 'e' && ch != 'E') {
                return false;
            }
        }
        return true;
    }
}
