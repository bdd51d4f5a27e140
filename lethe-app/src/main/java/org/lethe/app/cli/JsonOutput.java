package org.lethe.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** What {@code --json} prints: exactly one indented JSON document on standard output. */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    /** Prints {@code document} (maps, lists, strings, numbers, booleans, nulls) and a newline. */
    public static void print(PrintWriter out, Object document) {
        try {
            out.println(MAPPER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
