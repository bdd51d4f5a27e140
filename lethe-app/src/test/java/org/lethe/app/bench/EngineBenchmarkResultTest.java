package org.lethe.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineBenchmarkResultTest {
    private static final EngineBenchmarkResult LETHE = EngineBenchmarkResult.of("lethe-f32-java", "auto", "17.0.1",
            "mlp", "fashion-mnist", 2, 60000, 12.5, 4800.0, 0.8512, 300.5, 4096.0, "0e46d8bbc2aa");

    @Test
    void writesThePeerScriptsKeysInItsOrder() throws Exception {
        String json = new ObjectMapper().writeValueAsString(LETHE.withKernelWarmupSteps(120));
        assertThat(json).isEqualTo("{\"engine\":\"lethe-f32-java\",\"openblas_coretype\":\"auto\",\"java\":\"17.0.1\","
                + "\"model\":\"mlp\",\"data\":\"fashion-mnist\",\"threads\":2,\"train_samples\":60000,\"seconds\":12.5,"
                + "\"samples_per_s\":4800.0,\"test_accuracy\":0.8512,\"peak_heap_mib\":300.5,\"max_heap_mib\":4096.0,"
                + "\"weights_sha256\":\"0e46d8bbc2aa\",\"kernel_warmup_steps\":120}");
    }

    @Test
    void thePeerComparisonFollowsTheLetheFigures() throws Exception {
        EngineBenchmarkResult.PeerRun one = new EngineBenchmarkResult.PeerRun("blas-1-thread",
                Map.of("OPENBLAS_NUM_THREADS", "1"), 3000.0, 0.85);
        EngineBenchmarkResult.PeerRun two = new EngineBenchmarkResult.PeerRun("blas-2-threads",
                Map.of("GOMP_SPINCOUNT", "0"), 6400.0, 0.851);
        EngineBenchmarkResult r = LETHE.withPeer("torch-2.3", two, List.of(one, two)).withKernelWarmupSteps(7);
        assertThat(r.throughputRatio()).isEqualTo(0.75);
        String json = new ObjectMapper().writeValueAsString(r);
        assertThat(json).endsWith("\"weights_sha256\":\"0e46d8bbc2aa\",\"peer_engine\":\"torch-2.3\","
                + "\"peer_setting\":\"blas-2-threads\",\"peer_samples_per_s\":6400.0,\"peer_test_accuracy\":0.851,"
                + "\"peer_settings\":[{\"setting\":\"blas-1-thread\",\"environment\":{\"OPENBLAS_NUM_THREADS\":\"1\"},"
                + "\"samples_per_s\":3000.0,\"test_accuracy\":0.85},{\"setting\":\"blas-2-threads\",\"environment\":"
                + "{\"GOMP_SPINCOUNT\":\"0\"},\"samples_per_s\":6400.0,\"test_accuracy\":0.851}],"
                + "\"throughput_ratio\":0.75,\"kernel_warmup_steps\":7}");
        // The command writes its JSON lines with the project's writer: the same text.
        assertThat(org.lethe.io.JsonFiles.line(r)).isEqualTo(json);
    }
}
