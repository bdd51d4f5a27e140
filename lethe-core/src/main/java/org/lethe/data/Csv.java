package org.lethe.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV reader: comma-separated, one record per line, fields optionally in double quotes (a doubled quote
 * inside quotes is a literal quote), surrounding whitespace trimmed, blank lines skipped, a UTF-8 byte-order mark
 * ignored. Quoted fields cannot span lines.
 */
final class Csv {
    /** A parsed record and its 1-based line number in the file. */
    static final class Row {
        final int line;
        final List<String> cells;

        Row(int line, List<String> cells) {
            this.line = line;
            this.cells = cells;
        }
    }

    private Csv() {
    }

    /** All non-blank records of {@code file}, the header included. */
    static List<Row> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        List<Row> rows = new ArrayList<>();
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
                rows.add(new Row(lineNo, split(line, file, lineNo)));
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8 text");
        }
        return rows;
    }

    static List<String> split(String line, Path file, int lineNo) throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IOException(file + ": line " + lineNo + ": unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                while (i < n && isSpace(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IOException(file + ": line " + lineNo + ": text after a closing quote");
                }
                cells.add(cell.toString());
            } else {
                int start = i;
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
                cells.add(line.substring(start, i).strip());
            }
            cell.setLength(0);
            if (i >= n) {
                return cells;
            }
            i++; // the comma
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
