package org.lethe.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.io.JsonFiles;

/**
 * The {@code results.json} of {@code sketch reproduce} against one written by the code before it was a record (the
 * golden file, a small run: 3 directions of order 1, an exact series of order 2): people and scripts read these
 * files, so renaming, reordering or retyping a key must be a deliberate change of the golden file.
 */
class MicroGptReportTest {
    @TempDir
    Path dir;

    @Test
    void theGoldenResultsReadStrictlyAndWriteBackToTheSameBytes() throws IOException {
        MicroGptReport report = JsonFiles.read(goldenFile(), MicroGptReport.class);
        assertThat(report.deletedNames()).hasSize(18).startsWith("xavien");
        assertThat(report.deletedPositions()).hasSize(18).startsWith(2, 8, 66);
        assertThat(report.sketchDirections()).isEqualTo(3);
        assertThat(report.exactCoefficients()).hasSize(3);
        assertThat(report.rows()).hasSize(11);
        MicroGptReport.Row none = report.rows().get(0);
        assertThat(none.w()).isZero();
        assertThat(none.exactPartialSums()[2]).isEqualTo(none.retrained());
        assertThat(none.sketch().measurement()).isEqualTo("text:max");
        assertThat(none.sketch().degreeEstimates()).hasSize(2);
        assertThat(report.plots()).hasSize(3);
        assertThat(JsonFiles.text(report)).isEqualTo(golden());
    }

    @Test
    void aRenamedKeyIsRefusedByName() throws IOException {
        Path renamed = dir.resolve("renamed.json");
        Files.writeString(renamed, golden().replace("\"sketch_error\"", "\"sketch_eror\""));
        assertThatThrownBy(() -> JsonFiles.read(renamed, MicroGptReport.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("sketch_error").hasMessageContaining("rows[0]");
    }

    private Path goldenFile() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, golden());
        return file;
    }

    private static String golden() throws IOException {
        try (var in = MicroGptReportTest.class.getResourceAsStream("golden/results.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
