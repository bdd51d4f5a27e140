package org.lethe.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

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

    /** One compact JSON line (for JSON-lines logs). */
    public static String line(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
