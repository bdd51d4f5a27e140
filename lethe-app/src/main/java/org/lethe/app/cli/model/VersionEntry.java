package org.lethe.app.cli.model;

import java.io.IOException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.lethe.io.JsonFiles;
import org.lethe.store.DeletionRecord;

/**
 * One version of a model's line as {@code info --json} and {@code versions --json} print it.
 *
 * @param version    the version's directory
 * @param thisModel  whether it is the model asked about
 * @param head       whether the next deletion starts from it
 * @param branch     whether it is off the line's main path
 * @param parent     the version it was deleted from, or null
 * @param deletion   its deletion record, printed as its file holds it, or null for an original
 * @param unreadable why its deletion record cannot be read, or null
 */
@JsonPropertyOrder({"version", "this_model", "head", "branch", "parent", "deletion", "unreadable"})
record VersionEntry(
        String version,
        @JsonProperty("this_model") boolean thisModel,
        boolean head,
        boolean branch,
        String parent,
        @JsonSerialize(using = AsFile.class) DeletionRecord deletion,
        String unreadable) {

    /**
     * A deletion record as {@link JsonFiles} writes it (its time as ISO-8601 text), which the plain mapper of
     * {@code --json} output cannot do by itself.
     */
    static final class AsFile extends JsonSerializer<DeletionRecord> {
        @Override
        public void serialize(DeletionRecord record, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            provider.defaultSerializeValue(JsonFiles.toMap(record), gen);
        }
    }
}
