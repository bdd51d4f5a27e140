package org.lethe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeletionRecordTest {
    private static DeletionRecord sample() {
        return new DeletionRecord("amnesiac", false, Map.of("fine_tune_steps", 5), List.of("a", "b"), List.of("s1"),
                List.of("c"), Map.of("steps_reverted", 7), 1.25, "runs/m", "runs/m-v2", "h0", "h1", "erasure",
                "dpo", Instant.parse("2026-12-04T10:15:30Z"));
    }

    @Test
    void writtenAndReadBackEqual(@TempDir Path dir) throws IOException {
        DeletionRecord record = sample();
        record.writeTo(dir);
        assertThat(DeletionRecord.readFrom(dir)).isEqualTo(record);
        String json = Files.readString(dir.resolve(DeletionRecord.FILE));
        assertThat(json).contains("\"format\" : \"lethe.deletion-record.v1\"", "\"removed_count\" : 2",
                "\"time\" : \"2026-12-04T10:15:30Z\"", "\"fine_tune_steps\" : 5");
    }

    @Test
    void aRecordOfTheFirstFormatWithoutParametersIsRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(DeletionRecord.FILE), "{\"format\":\"lethe.deletion-record.v1\",\"method\":"
                + "\"replay\",\"exact\":true,\"removed_ids\":[\"x\"],\"removed_count\":1,\"subjects\":[],"
                + "\"already_deleted\":[],\"recomputed\":{},\"wall_seconds\":0.5,\"model_before\":\"a\","
                + "\"model_after\":\"b\",\"hash_before\":\"h\",\"hash_after\":\"k\",\"reason\":\"\",\"requester\":\"\","
                + "\"time\":\"2026-01-01T00:00:00Z\"}");
        DeletionRecord r = DeletionRecord.readFrom(dir);
        assertThat(r.method()).isEqualTo("replay");
        assertThat(r.parameters()).isEmpty();
        assertThat(r.removedIds()).containsExactly("x");
    }

    @Test
    void aMissingRequiredKeyIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(DeletionRecord.FILE), "{\"format\":\"lethe.deletion-record.v1\",\"method\":"
                + "\"replay\",\"exact\":true,\"wall_seconds\":0.5,\"time\":\"2026-01-01T00:00:00Z\"}");
        assertThatThrownBy(() -> DeletionRecord.readFrom(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(DeletionRecord.FILE).hasMessageContaining("removed_ids")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anotherFormatOrAnInconsistentCountIsRefused(@TempDir Path dir) throws IOException {
        sample().writeTo(dir);
        Path file = dir.resolve(DeletionRecord.FILE);
        String json = Files.readString(file);
        Files.writeString(file, json.replace("lethe.deletion-record.v1", "lethe.deletion-record.v9"));
        assertThatThrownBy(() -> DeletionRecord.readFrom(dir)).hasMessageContaining("lethe.deletion-record.v9");
        Files.writeString(file, json.replace("\"removed_count\" : 2", "\"removed_count\" : 3"));
        assertThatThrownBy(() -> DeletionRecord.readFrom(dir)).hasMessageContaining("removed_count 3");
    }
}
