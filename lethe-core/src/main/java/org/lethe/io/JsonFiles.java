package org.lethe.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

/** Small JSON documents on disk: atomic writes, strict reads whose errors name the file. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** Writes {@code value} (maps, lists, strings, numbers, booleans) as indented JSON, atomically. */
    public static void write(Path file, Object value) throws IOException {
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        AtomicFiles.write(file, bytes);
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
     * Reads a typed document (a record written by {@link #write}). A missing file, malformed JSON, a missing
     * required key or a value of the wrong type is an {@link IOException} whose one-line message names the file.
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new IOException(file + ": not a valid " + type.getSimpleName() + " (" + firstLine(why) + ")", e);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** A typed document as the JSON object it is written as (for printing it together with other keys). */
    public static Map<String, Object> toMap(Object document) {
        return Json.MAPPER.convertValue(document, new TypeReference<Map<String, Object>>() { });
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
