package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
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
            dir.appendMetrics(new MetricsLine(step, Map.of("loss", 1.0 / step)));
        }
        assertThat(Files.readAllLines(dir.metrics()).get(0)).isEqualTo("{\"step\":5,\"loss\":0.2}");
        dir.dropMetricsAfter(10);
        List<MetricsLine> kept = dir.readMetrics();
        assertThat(kept).extracting(MetricsLine::step).containsExactly(5, 10);
        assertThat(kept.get(1).metrics().get("loss")).isEqualTo(0.1);
        dir.dropMetricsAfter(10);
        assertThat(dir.readMetrics()).hasSize(2);
        new RunDirectory(tmp.resolve("empty")).dropMetricsAfter(0);
    }

    @Test
    void aMetricsLogWrittenBeforeReadsBackAndAMalformedLineIsNamed() throws Exception {
        RunDirectory dir = new RunDirectory(tmp);
        String before = "{\"step\":3,\"accuracy\":0.102,\"loss\":2.2825798988342285}\n"
                + "{\"step\":6,\"accuracy\":0.1025,\"loss\":2.262257695198059}\n";
        Files.writeString(dir.metrics(), before);
        List<MetricsLine> lines = dir.readMetrics();
        assertThat(lines.get(1).metrics()).containsExactly(
                Map.entry("accuracy", 0.1025), Map.entry("loss", 2.262257695198059));
        Files.delete(dir.metrics());
        for (MetricsLine line : lines) {
            dir.appendMetrics(line);
        }
        assertThat(Files.readString(dir.metrics())).isEqualTo(before);
        Files.writeString(dir.metrics(), before + "{\"loss\":1.0}\n");
        assertThatThrownBy(dir::readMetrics)
                .hasMessageContaining(dir.metrics() + ", line 3")
                .hasMessageContaining("step")
                .hasMessageNotContaining("\n");
    }
}
