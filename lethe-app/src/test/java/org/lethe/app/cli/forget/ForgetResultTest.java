package org.lethe.app.cli.forget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.io.JsonFiles;
import org.lethe.store.DeletionRecord;
import org.lethe.unlearn.RecipeTuner;

/**
 * The exact line {@code lethe forget --json} prints: the deletion record's keys, then where it started and what it
 * wrote, then the optional keys only when they apply. Scripts read this line, so its keys and order are pinned.
 */
class ForgetResultTest {
    private static final String RECORD = "{\"format\":\"lethe.deletion-record.v1\",\"method\":\"finetune\","
            + "\"exact\":false,\"parameters\":{\"steps_fraction\":0.5,\"seed\":4},\"removed_ids\":[\"d-1\",\"d-2\"],"
            + "\"removed_count\":2,\"subjects\":[\"s-1\"],\"already_deleted\":[\"d-0\"],"
            + "\"recomputed\":{\"optimizer_steps\":3},\"wall_seconds\":0.25,\"model_before\":\"/m\","
            + "\"model_after\":\"/m-v2\",\"hash_before\":\"aa\",\"hash_after\":\"bb\",\"reason\":\"art. 17\","
            + "\"requester\":\"dpo\",\"time\":\"2026-01-02T03:04:05Z\"";
    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

    private static DeletionRecord record(List<String> removed) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("steps_fraction", 0.5);
        parameters.put("seed", 4);
        return new DeletionRecord("finetune", false, parameters, removed, List.of("s-1"), List.of("d-0"),
                Map.of("optimizer_steps", 3), 0.25, "/m", "/m-v2", "aa", "bb", "art. 17", "dpo", TIME);
    }

    @Test
    void aDeletionPrintsTheRecordThenWhereItStartedAndWhatItWrote() {
        assertThat(JsonFiles.line(ForgetResult.of(record(List.of("d-1", "d-2")), "/m", "/m-v2", null, null)))
                .isEqualTo(RECORD + ",\"deleted_from\":\"/m\",\"new_version\":\"/m-v2\"}");
        assertThat(JsonFiles.line(ForgetResult.of(record(List.of("d-1", "d-2")), "/m", "/m-v2", null, false)))
                .isEqualTo(RECORD + ",\"deleted_from\":\"/m\",\"new_version\":\"/m-v2\",\"verified_exact\":false}");
    }

    @Test
    void aTunedDeletionPrintsTheSearchAfterTheVersions() {
        RecipeTuner.Trial trial = new RecipeTuner.Trial(Map.of("seed", 4), 0.125, 0.75, 0.5, true, 3);
        RecipeTuner.Result tuning = new RecipeTuner.Result(Map.of("seed", 4), 0.25, 0.5, 0.625, List.of(trial), 3, 8);
        assertThat(JsonFiles.line(ForgetResult.of(record(List.of("d-1", "d-2")), "/m", "/m-v2", tuning, true)))
                .isEqualTo(RECORD + ",\"deleted_from\":\"/m\",\"new_version\":\"/m-v2\",\"tuning\":{\"chosen\":"
                        + "{\"seed\":4},\"original_loss_distance\":0.25,\"original_retain_accuracy\":0.5,"
                        + "\"original_validation_accuracy\":0.625,\"trials\":[{\"parameters\":{\"seed\":4},"
                        + "\"loss_distance\":0.125,\"retain_accuracy\":0.75,\"validation_accuracy\":0.5,"
                        + "\"within_tolerance\":true,\"steps\":3}],\"steps_spent\":3,\"step_budget\":8},"
                        + "\"verified_exact\":true}");
    }

    @Test
    void aNoOpHasNoNewVersionAndSaysSo() {
        String noOp = RECORD.replace("[\"d-1\",\"d-2\"]", "[]").replace("\"removed_count\":2", "\"removed_count\":0");
        assertThat(JsonFiles.line(ForgetResult.of(record(List.of()), "/m", "/m-v2", null, null)))
                .isEqualTo(noOp + ",\"deleted_from\":\"/m\",\"new_version\":null,\"no_op\":true}");
    }
}
