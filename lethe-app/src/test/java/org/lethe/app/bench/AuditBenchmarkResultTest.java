package org.lethe.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.JsonFiles;

/** {@code lethe bench audit --json} keeps the keys, order and values it had when it was built as maps. */
class AuditBenchmarkResultTest {
    // The keys in the order the map-building benchmark put them.
    private static final List<String> TOP = List.of("data", "train_examples", "held_out_examples",
            "forget_examples", "model", "training", "sisa", "models_per_side", "amnesiac_steps_reverted",
            "training_steps", "amnesiac_fine_tune_steps", "rows", "best_possible_f", "wall_seconds");
    private static final List<String> ROW = List.of("method", "forget_quality", "f_if_indistinguishable",
            "final_score", "confidence_shift", "retain_accuracy_ratio", "test_accuracy_ratio", "mia_auc",
            "mia_auc_retrained", "u_lira_auc", "test_accuracy", "forget_accuracy", "deletion_seconds", "audit_seconds",
            "models_built", "models_from_cache", "verdict");
    private static final List<String> BEST = List.of("permutation_mean", "permutation_std", "gaussian_mean",
            "gaussian_std", "splits", "sisa_permutation_mean", "sisa_permutation_std", "retrain_f",
            "retrain_relative_to_permutation", "original_relative_to_permutation", "max_epsilon");

    private static AuditBenchmarkResult result(Double uLiraAuc) {
        AuditBenchmarkResult.Row row = new AuditBenchmarkResult.Row("retrain (other seed per run)", 0.41, 0.45, 0.4,
                0.01, 1.0, 0.99, 0.52, 0.51, uLiraAuc, 0.9, 0.95, 3.5, 40.25, 64, 0, "indistinguishable");
        AuditBenchmarkResult.BestPossibleF best = new AuditBenchmarkResult.BestPossibleF(0.43, 0.05, 0.44, 0.04, 20,
                0.42, 0.06, 0.41, 0.9535, 0.1163, 4.0);
        return new AuditBenchmarkResult("digits", 179, 1618, 4, "mlp 784-256-10",
                "60 epochs, batch 100, SGD lr 0.1 momentum 0.9, constant rate",
                "4 shards x 2 slices, 40 epochs per slice", 32, 12, 120, 60, List.of(row), best, 240.5);
    }

    // A nested object's keys, in the order written.
    private static List<Object> keys(Object object) {
        return new java.util.ArrayList<>(((Map<?, ?>) object).keySet());
    }

    @Test
    void writesTheKeysInTheOrderOfTheMaps() {
        Map<String, Object> json = JsonFiles.toMap(result(0.55));
        assertThat(json.keySet()).containsExactlyElementsOf(TOP);
        assertThat(keys(((List<?>) json.get("rows")).get(0))).isEqualTo(ROW);
        assertThat(keys(json.get("best_possible_f"))).isEqualTo(BEST);
    }

    @Test
    void writesAnUnmeasuredULiraAsNull() {
        String json = JsonFiles.line(result(null));
        assertThat(json).contains("\"mia_auc_retrained\":0.51,\"u_lira_auc\":null,\"test_accuracy\":0.9,");
        assertThat(json).contains("\"models_built\":64,\"models_from_cache\":0,\"verdict\":\"indistinguishable\"}]");
        assertThat(json).contains("\"splits\":20,").contains("\"max_epsilon\":4.0},\"wall_seconds\":240.5}");
    }

    @Test
    void theCommandsPrinterWritesTheSameJson() throws Exception {
        // --json prints with a plain ObjectMapper, the JSON file with JsonFiles: both must agree.
        assertThat(new ObjectMapper().writeValueAsString(result(0.55))).isEqualTo(JsonFiles.line(result(0.55)));
    }

    @Test
    void readsBackAsTheSameRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.json");
        JsonFiles.write(file, result(null));
        assertThat(JsonFiles.read(file, AuditBenchmarkResult.class)).isEqualTo(result(null));
    }
}
