package org.lethe.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.JsonFiles;

/** {@code lethe bench deletion --json} keeps the keys, order and values it had when it was built as maps. */
class DeletionBenchmarkResultTest {
    // The keys in the order the map-building benchmark put them (the one-subject group when the sizes include 1).
    private static final List<String> HEAD = List.of("data", "train_examples", "subjects", "model", "shards",
            "slices", "epochs_per_slice", "batch_size", "sisa_batch_size", "learning_rate", "sisa_learning_rate",
            "sisa_schedule", "optimizer", "monolithic_epochs", "monolithic_train_seconds", "monolithic_test_accuracy",
            "sisa_train_seconds", "sisa_test_accuracy", "accuracy_drop");
    private static final List<String> ONE_SUBJECT = List.of("one_subject_sisa_seconds_each",
            "one_subject_sisa_seconds", "one_subject_first_retrained_slices", "one_subject_retrain_seconds",
            "speedup_over_retrain_with_checkpoints", "one_subject_bare_retrain_seconds",
            "one_subject_bare_retrain_seconds_each", "speedup", "exact");
    private static final List<String> ROW = List.of("subjects", "examples", "sisa_seconds", "sisa_shards_retrained",
            "replay_seconds", "replay_restored_after_step", "retrain_seconds", "replay_equals_retrain",
            "sisa_speedup_over_retrain");

    private static final DeletionBenchmarkResult.Deletion ONE = new DeletionBenchmarkResult.Deletion(1, 10, 0.5, 1,
            2.25, 20, 12.0, true, 24.0);

    private static DeletionBenchmarkResult result(boolean withOneSubject) {
        return new DeletionBenchmarkResult("digits", 1437, 144, "mlp 784-256-10", 8, 4, 2, 128, 64, 0.001, 0.01,
                "linear, restarted in every stage", "adam", 6, 30.5, 0.9611, 20.25, 0.9444, 1.67,
                withOneSubject ? List.of(0.5, 0.75) : null, withOneSubject ? 0.625 : null,
                withOneSubject ? List.of(1, 3) : null, withOneSubject ? 12.0 : null, withOneSubject ? 19.2 : null,
                withOneSubject ? 10.0 : null, withOneSubject ? List.of(9.5, 10.5) : null,
                withOneSubject ? 16.0 : null, withOneSubject ? Boolean.TRUE : null, List.of(ONE));
    }

    // A nested object's keys, in the order written.
    private static List<Object> keys(Object object) {
        return new java.util.ArrayList<>(((Map<?, ?>) object).keySet());
    }

    @Test
    void writesTheKeysInTheOrderOfTheMaps() {
        Map<String, Object> json = JsonFiles.toMap(result(true));
        List<String> expected = new java.util.ArrayList<>(HEAD);
        expected.addAll(ONE_SUBJECT);
        expected.add("deletions");
        assertThat(json.keySet()).containsExactlyElementsOf(expected);
        assertThat(keys(((List<?>) json.get("deletions")).get(0))).isEqualTo(ROW);
    }

    @Test
    void leavesTheOneSubjectFiguresOutWithoutASingleSubjectDeletion() {
        List<String> expected = new java.util.ArrayList<>(HEAD);
        expected.add("deletions");
        assertThat(JsonFiles.toMap(result(false)).keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void writesIntegersAsIntegersAndSecondsAsDecimals() {
        assertThat(JsonFiles.line(ONE)).isEqualTo("{\"subjects\":1,\"examples\":10,\"sisa_seconds\":0.5,"
                + "\"sisa_shards_retrained\":1,\"replay_seconds\":2.25,\"replay_restored_after_step\":20,"
                + "\"retrain_seconds\":12.0,\"replay_equals_retrain\":true,\"sisa_speedup_over_retrain\":24.0}");
        assertThat(JsonFiles.line(result(true))).contains("\"one_subject_first_retrained_slices\":[1,3],"
                + "\"one_subject_retrain_seconds\":12.0").contains("\"speedup\":16.0,\"exact\":true,\"deletions\":[");
    }

    @Test
    void theCommandsPrinterWritesTheSameJson() throws Exception {
        // --json prints with a plain ObjectMapper, the JSON file with JsonFiles: both must agree.
        assertThat(new ObjectMapper().writeValueAsString(result(true))).isEqualTo(JsonFiles.line(result(true)));
    }

    @Test
    void readsBackAsTheSameRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("deletion.json");
        JsonFiles.write(file, result(true));
        assertThat(JsonFiles.read(file, DeletionBenchmarkResult.class)).isEqualTo(result(true));
    }
}
