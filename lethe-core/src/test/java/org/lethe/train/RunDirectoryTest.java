package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void droppingMetricsAfterACheckpointKeepsEarlierRecordsInOrder() throws Exception {
        RunDirectory dir = new RunDirectory(tmp);
        for (int step : new int[] {5, 10, 15, 20}) {
            dir.appendMetrics(Map.of("step", step, "loss", 1.0 / step));
        }
        dir.dropMetricsAfter(10);
        List<Map<String, Object>> kept = dir.readMetrics();
        assertThat(kept).extracting(m -> m.get("step")).containsExactly(5, 10);
        assertThat(kept.get(1).get("loss")).isEqualTo(0.1);
        dir.dropMetricsAfter(10);
        assertThat(dir.readMetrics()).hasSize(2);
        new RunDirectory(tmp.resolve("empty")).dropMetricsAfter(0);
    }
}
