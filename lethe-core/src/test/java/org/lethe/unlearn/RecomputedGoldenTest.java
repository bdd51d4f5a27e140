package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.JsonFiles;
import org.lethe.store.DeletionRecord;

/**
 * The {@code recomputed} sections of deletion records, against what the code wrote before they were records: a
 * change to a key's name, order or type must be a deliberate change of the expected text, since stored records are
 * read back by later versions.
 */
class RecomputedGoldenTest {
    @TempDir
    Path tmp;

    @Test
    void aSisaDeletionRecordIsWrittenAsBeforeAndItsSectionReadsBack() throws Exception {
        Map<Integer, Integer> firstSlice = new LinkedHashMap<>();
        firstSlice.put(1, 2);
        firstSlice.put(2, 1);
        SisaRecomputed section = new SisaRecomputed(List.of(1, 2), firstSlice, 3, 6);
        DeletionRecord record = new DeletionRecord("sisa", true, Map.of(), List.of("digits-3", "digits-9"),
                List.of("subject-1"), List.of(), JsonFiles.toMap(section), 1.25, "/models/a", "/models/a-v2", "h1",
                "h2", "erasure request", "dpo", Instant.parse("2026-01-02T03:04:05Z"));
        record.writeTo(tmp);
        assertThat(Files.readString(tmp.resolve(DeletionRecord.FILE), StandardCharsets.UTF_8))
                .isEqualTo(golden("sisa-deletion.json"));
        assertThat(SisaRecomputed.of(DeletionRecord.readFrom(tmp))).isEqualTo(section);
    }

    @Test
    void aReplaySectionIsWrittenAsBefore() {
        ReplayRecomputed section = new ReplayRecomputed(4, 3, 9, 12);
        String written = JsonFiles.line(section);
        assertThat(written).isEqualTo(
                "{\"first_affected_step\":4,\"restored_after_step\":3,\"steps_replayed\":9,\"steps_total\":12}");
        assertThat(JsonFiles.convert(JsonFiles.toMap(section), ReplayRecomputed.class, true)).isEqualTo(section);
    }

    @Test
    void anAmnesiacSectionAddsRepairStepsAndReadsRecordsWithoutThem() {
        AmnesiacRecomputed section = new AmnesiacRecomputed(5, 2, 0, 123456789012L, null);
        assertThat(JsonFiles.line(section)).isEqualTo("{\"steps_reverted\":5,\"fine_tune_steps\":2,"
                + "\"repair_steps\":0,\"update_bytes_on_disk\":123456789012}");
        AmnesiacRecomputed repaired = new AmnesiacRecomputed(5, 2, 40, 123456789012L, false);
        assertThat(JsonFiles.line(repaired)).isEqualTo("{\"steps_reverted\":5,\"fine_tune_steps\":2,"
                + "\"repair_steps\":40,\"update_bytes_on_disk\":123456789012,\"repair_accuracy_met\":false}");
        assertThat(JsonFiles.convert(JsonFiles.toMap(repaired), AmnesiacRecomputed.class, false)).isEqualTo(repaired);
        // Records written before repair steps existed.
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("steps_reverted", 5);
        before.put("fine_tune_steps", 2);
        before.put("update_bytes_on_disk", 123456789012L);
        assertThat(JsonFiles.convert(before, AmnesiacRecomputed.class, false)).isEqualTo(section);
    }

    @Test
    void anUnknownFigureIsRefusedByName() {
        Map<String, Object> m = new LinkedHashMap<>(JsonFiles.toMap(new ReplayRecomputed(4, 3, 9, 12)));
        m.put("steps_skipped", 1);
        assertThatThrownBy(() -> JsonFiles.convert(m, ReplayRecomputed.class, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ReplayRecomputed")
                .hasMessageContaining("steps_skipped")
                .hasMessageNotContaining("\n");
    }

    private static String golden(String name) throws java.io.IOException {
        try (var in = RecomputedGoldenTest.class.getResourceAsStream("golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
