package org.lethe.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/** Small JSON documents on disk: atomic writes, strict reads whose errors name the file. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** Writes {@code value} (maps, lists, strings, numbers, booleans) as indented JSON, atomically. */
    public static void write(Path file, Object value) throws IOException {
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        AtomicFiles.write(file, bytes);
    }

    /** The indented JSON text {@link #write} puts in a file, for formats that add to it (a final newline). */
    public static String text(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a JSON object. */
    public static Map<String, Object> readMap(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": malformed JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * Reads a JSON document into a record (or other Jackson-readable type) strictly: every property the type's
     * constructor takes must be present (a null counts), none may be unknown, and a primitive may not be null, so a
     * renamed or missing key fails with a message naming it and the file.
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return read(file, type, true);
    }

    /**
     * {@link #read(Path, Class)}, where {@code everyKey = false} lets keys the type's creator does not mark required
     * be absent: for formats that gained keys over time (a deletion record's {@code parameters}).
     */
    public static <T> T read(Path file, Class<T> type, boolean everyKey) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        try {
            ObjectReader reader = strictReader(type, everyKey);
            return reader.readValue(file.toFile());
        } catch (JsonProcessingException e) {
            // A type that checks its own values (a format tag, a count) says what is wrong in its own words.
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            String where = field(e) + (e.getLocation() == null ? ""
                    : ", line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr());
            throw new IOException(file + ": not a valid " + type.getSimpleName() + " (" + firstLine(why) + where
                    + ")", e);
        }
    }

    // Unknown keys and nulls for numbers are refused; missing keys too unless the format gained keys over time.
    private static ObjectReader strictReader(Class<?> type, boolean everyKey) {
        ObjectReader reader = Json.MAPPER.readerFor(type)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return everyKey ? reader.with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES) : reader;
    }

    /**
     * Converts a value already parsed from JSON (a section of a document read as a map) into a record, strictly as
     * {@link #read(Path, Class, boolean)} reads a file: for sections whose shape belongs to their writer, such as a
     * deletion record's {@code recomputed} figures.
     *
     * @throws IllegalArgumentException naming the type and what is wrong, on one line
     */
    public static <T> T convert(Object value, Class<T> type, boolean everyKey) {
        try {
            ObjectReader reader = strictReader(type, everyKey);
            JsonNode tree = Json.MAPPER.valueToTree(value);
            return reader.readValue(tree);
        } catch (IOException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + " (" + firstLine(why)
                    + (e instanceof JsonProcessingException j ? field(j) : "") + ")", e);
        }
    }

    // Where in the document a mapping error arose ("at dataset.name"), since the parser's own words often do not
    // say: a mistyped value names only its Java type.
    private static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException d) || d.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : d.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : ", at " + path;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /**
     * The JSON object {@code value} serialises to, as an insertion-ordered map: for output that adds entries of its
     * own to a record's (the map prints exactly as the record would).
     */
    public static Map<String, Object> toMap(Object value) {
        return Json.MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() { });
    }

    /**
     * Reads one JSON-lines entry into a record (or other Jackson-readable type), strictly as {@link #convert} does.
     *
     * @throws IllegalArgumentException naming the type and what is wrong, on one line
     */
    public static <T> T parseLine(String line, Class<T> type) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON (" + firstLine(e.getOriginalMessage()) + ")", e);
        }
        return convert(tree, type, false);
    }

    /** One compact JSON line (for JSON-lines logs). */
    public static String line(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
